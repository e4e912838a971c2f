"""Local development: the run command turns DEBUG on through the environment."""
from .base import *  # noqa: F401,F403
