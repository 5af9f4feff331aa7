// The Markdown reader behind model cards: the blocks a card uses, inline marks, and safety (only
// web and mail links become links; nothing becomes HTML).
import { describe, expect, it } from 'vitest';
import { isSafeHref, parseInline, parseMarkdown } from '../../../../renderer/components/markdown.js';

describe('parseMarkdown', () => {
  it('reads headings, paragraphs joined across lines, lists and rules', () => {
    const blocks = parseMarkdown('# Churn model\n\nPredicts who\nwill leave.\n\n- one\n- two\n  continued\n\n1. first\n2) second\n\n---\n');
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list', 'list', 'rule']);
    expect(blocks[0]).toEqual({ kind: 'heading', level: 1, children: [{ kind: 'text', text: 'Churn model' }] });
    expect(blocks[1]).toEqual({ kind: 'paragraph', children: [{ kind: 'text', text: 'Predicts who will leave.' }] });
    expect(blocks[2]).toEqual({ kind: 'list', isOrdered: false, items: [[{ kind: 'text', text: 'one' }], [{ kind: 'text', text: 'two continued' }]] });
    expect(blocks[3]).toMatchObject({ kind: 'list', isOrdered: true });
  });

  it('reads pipe tables, padding short rows to the header', () => {
    const [table] = parseMarkdown('| Metric | Value |\n|---|---:|\n| ROC AUC | 0.85 |\n| Accuracy |\n');
    expect(table.kind).toBe('table');
    if (table.kind !== 'table') return;
    expect(table.header.map((c) => c[0])).toEqual([{ kind: 'text', text: 'Metric' }, { kind: 'text', text: 'Value' }]);
    expect(table.rows).toEqual([
      [[{ kind: 'text', text: 'ROC AUC' }], [{ kind: 'text', text: '0.85' }]],
      [[{ kind: 'text', text: 'Accuracy' }], []],
    ]);
  });

  it('keeps fenced code as it is', () => {
    expect(parseMarkdown('```\ncurl -X POST **x**\n```')).toEqual([{ kind: 'code', text: 'curl -X POST **x**' }]);
  });
});

describe('parseInline', () => {
  it('reads bold, italic and code, and leaves snake_case names alone', () => {
    expect(parseInline('**bold** and *it* with `a_b` and monthly_fee_eur')).toEqual([
      { kind: 'strong', children: [{ kind: 'text', text: 'bold' }] },
      { kind: 'text', text: ' and ' },
      { kind: 'em', children: [{ kind: 'text', text: 'it' }] },
      { kind: 'text', text: ' with ' },
      { kind: 'code', text: 'a_b' },
      { kind: 'text', text: ' and monthly_fee_eur' },
    ]);
  });

  it('links only web and mail addresses; other schemes stay text', () => {
    expect(parseInline('[docs](https://example.org)')).toEqual([{ kind: 'link', href: 'https://example.org', children: [{ kind: 'text', text: 'docs' }] }]);
    expect(parseInline('[click](javascript:alert(1))')).toEqual([{ kind: 'text', text: 'click' }, { kind: 'text', text: ')' }]);
    expect(isSafeHref('file:///etc/passwd')).toBe(false);
    expect(isSafeHref('mailto:ana@example.org')).toBe(true);
  });
});
