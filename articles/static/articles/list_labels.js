// On a phone the desk's lists are shown as cards (lists.css hides the table's headings there), so each value is
// labelled with its column's heading. The first column with a heading is the row's name and keeps no label.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
    for (const table of document.querySelectorAll("#result_list")) {
        const heads = [...table.querySelectorAll("thead th")].map(
            (th) => (th.querySelector(".text") || th).textContent.replace(/\s+/g, " ").trim()
        );
        const named = heads.findIndex((text) => text !== "");
        for (const row of table.querySelectorAll("tbody tr")) {
            [...row.children].forEach((cell, index) => {
                if (index > named && heads[index]) {
                    cell.dataset.label = heads[index];
                }
            });
        }
    }
});
