#!/usr/bin/env python3
"""Checks the DOM of the search page as headless Chromium rendered it (scripts/browser-check.sh).

Usage: browser_check.py DOM.html EXPECTED_TEXT...

Finds the first result (li.hit with data-rank="1") and requires each EXPECTED_TEXT in its text,
the first to be its programme (span.hit-programme-name) and the second its first amount
(span.amount-text).
Exits 1 with a message saying what was found instead.
"""
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """Collects the text of each li.hit (by data-rank) and of #status."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []          # open elements: (tag, capture key or None)
        self.hits = {}           # rank -> text
        self.hit_ids = {}        # rank -> data-id
        self.status = ""
        self.status_classes = ""
        self.fields = {}         # (rank, class) -> [texts] for the first hit's programme and amounts

    def _capturing(self):
        return [key for _, key in self.stack if key is not None]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        key = None
        if tag == "li" and "hit" in classes:
            key = ("hit", a.get("data-rank", "?"))
            self.hits.setdefault(key[1], "")
            self.hit_ids[key[1]] = a.get("data-id", "")
        elif tag == "span" and ("hit-programme-name" in classes or "amount-text" in classes):
            rank = next((k[1] for _, k in reversed(self.stack) if k and k[0] == "hit"), None)
            name = "programme" if "hit-programme-name" in classes else "amount"
            if rank is not None:
                self.fields.setdefault((rank, name), []).append("")
                key = ("field", (rank, name))
        elif a.get("id") == "status":
            key = ("status", None)
            self.status_classes = a.get("class") or ""
        if tag not in VOID:
            self.stack.append((tag, key))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        for kind, rank in self._capturing():
            if kind == "hit":
                self.hits[rank] += data
            elif kind == "status":
                self.status += data
            elif kind == "field":
                self.fields[rank][-1] += data


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        dom = f.read()
    page = Page()
    page.feed(dom)
    status = " ".join(page.status.split())
    print(f"browser-check: status: {status or '(empty)'}")
    print(f"browser-check: {len(page.hits)} results rendered")
    first = page.hits.get("1")
    if first is None:
        print("browser-check: FAIL: no first result (li.hit[data-rank=1]) in the rendered page"
              f" (status class {page.status_classes!r}); the DOM starts:\n{dom[:1500]}", file=sys.stderr)
        return 1
    text = " ".join(first.split())
    print(f"browser-check: first result {page.hit_ids.get('1')}: {text[:200]}")
    programme = page.fields.get(("1", "programme"), [])
    amounts = page.fields.get(("1", "amount"), [])
    print(f"browser-check: first result's programme: {programme}, amounts: {amounts}")
    # Each expected text must be the programme, one of the amounts, or else appear in the result.
    missing = [want for want in sys.argv[2:] if want not in programme and want not in amounts and want not in text]
    if sys.argv[2] not in programme:
        missing.append(f"{sys.argv[2]} as the programme")
    if len(sys.argv) > 3 and not amounts[:1] == [sys.argv[3]]:
        missing.append(f"{sys.argv[3]} as the first amount")
    if missing:
        print(f"browser-check: FAIL: the first result lacks {', '.join(missing)}", file=sys.stderr)
        return 1
    print(f"browser-check: OK: the first result shows {', '.join(sys.argv[2:])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
