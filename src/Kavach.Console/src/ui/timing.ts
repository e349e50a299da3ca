// When a page started, for the render times pages report: the first page a document shows is timed from navigation
// start (script loading included), a later one from when its route was opened.
let first = true;

export function pageStart(): number {
  const start = first ? 0 : performance.now();
  first = false;
  return start;
}
