// Why this file exists: the key/value readouts every widget shows (a <dl> of terms and
// values), written once. rows: [[term, value], ...]; values are set as text, never HTML.
export function setReadout(list, rows) {
  list.replaceChildren(...rows.flatMap(([term, value]) => {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = String(value);
    dd.dataset.name = term;
    return [dt, dd];
  }));
}
