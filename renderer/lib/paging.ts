// Paging through rows that stay in the backend: which page an offset is on, and the offset of a page.

/** The page that holds `offset`, and how many pages there are (at least one). */
export function pageInfo(offset: number, limit: number, total: number): { page: number; pages: number; first: number; last: number } {
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.min(pages, Math.floor(offset / limit) + 1);
  const first = total === 0 ? 0 : (page - 1) * limit + 1;
  return { page, pages, first, last: Math.min(total, page * limit) };
}

/** The offset of a (1-based) page, clamped to the pages that exist. */
export function offsetOfPage(page: number, limit: number, total: number): number {
  const pages = Math.max(1, Math.ceil(total / limit));
  const clamped = Math.min(pages, Math.max(1, Math.floor(page)));
  return (clamped - 1) * limit;
}
