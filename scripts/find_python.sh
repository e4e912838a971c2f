#!/bin/sh
# Print the newest Python interpreter on this machine that runs and is 3.12 or newer.
# Honours $PYTHON; otherwise tries python3.14, python3.13, python3.12, python3 and pyenv's installed versions.
best=""
best_version=0
try() {
    candidate=$1
    version=$("$candidate" -c 'import sys; print(sys.version_info[0] * 100 + sys.version_info[1])' 2>/dev/null) || return 0
    [ -n "$version" ] || return 0
    if [ "$version" -ge 312 ] && [ "$version" -gt "$best_version" ]; then
        best=$candidate
        best_version=$version
    fi
}
if [ -n "${PYTHON:-}" ]; then
    try "$PYTHON"
    if [ -z "$best" ]; then
        echo "PYTHON=$PYTHON does not run or is older than 3.12; Django 6 needs Python 3.12 or newer." >&2
        exit 1
    fi
    echo "$best"
    exit 0
fi
for name in python3.14 python3.13 python3.12 python3; do
    path=$(command -v "$name" 2>/dev/null) && try "$path"
done
if command -v pyenv >/dev/null 2>&1; then
    root=$(pyenv root 2>/dev/null)
    for path in "$root"/versions/*/bin/python3; do
        [ -x "$path" ] && try "$path"
    done
fi
if [ -z "$best" ]; then
    echo "No Python 3.12 or newer found (tried python3.14, python3.13, python3.12, python3 and pyenv versions)." >&2
    echo "Install one, or point PYTHON= at it: make run PYTHON=/path/to/python3.12" >&2
    exit 1
fi
echo "$best"
