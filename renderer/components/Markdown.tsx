// Renders Markdown the user wrote (see markdown.ts) as React elements: never as HTML, so a model
// card cannot smuggle scripts into the window. Headings start one level below `baseLevel`, so a
// card's "# Title" fits under the section heading that holds it.
import type { ReactNode } from 'react';
import type { Block, Inline } from './markdown.js';
import { parseMarkdown } from './markdown.js';
import './markdown.css';

function renderInline(nodes: readonly Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.kind) {
      case 'text':
        return node.text;
      case 'strong':
        return <strong key={i}>{renderInline(node.children)}</strong>;
      case 'em':
        return <em key={i}>{renderInline(node.children)}</em>;
      case 'code':
        return <code key={i}>{node.text}</code>;
      case 'link':
        return (
          <a key={i} href={node.href} target="_blank" rel="noreferrer noopener">
            {renderInline(node.children)}
          </a>
        );
    }
  });
}

function renderBlock(block: Block, i: number, baseLevel: number): ReactNode {
  switch (block.kind) {
    case 'heading': {
      const level = Math.min(6, baseLevel + block.level - 1);
      const Tag = `h${level}` as 'h2';
      return (
        <Tag key={i} className={`md__h md__h${block.level}`}>
          {renderInline(block.children)}
        </Tag>
      );
    }
    case 'paragraph':
      return <p key={i}>{renderInline(block.children)}</p>;
    case 'list': {
      const items = block.items.map((item, j) => <li key={j}>{renderInline(item)}</li>);
      return block.isOrdered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
    }
    case 'code':
      return (
        <pre key={i} className="md__code">
          <code>{block.text}</code>
        </pre>
      );
    case 'table':
      return (
        <div key={i} className="md__table-wrap">
          <table className="md__table">
            <thead>
              <tr>
                {block.header.map((cell, j) => (
                  <th key={j} scope="col">
                    {renderInline(cell)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, j) => (
                    <td key={j}>{renderInline(cell)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'rule':
      return <hr key={i} />;
  }
}

/** Markdown props. */
export interface MarkdownProps {
  source: string;
  /** The HTML level of a "# heading" (default 3). */
  baseLevel?: number;
  className?: string;
}

/** Markdown text, rendered safely. */
export function Markdown({ source, baseLevel = 3, className }: MarkdownProps) {
  const blocks = parseMarkdown(source);
  return <div className={className ? `md ${className}` : 'md'}>{blocks.map((b, i) => renderBlock(b, i, baseLevel))}</div>;
}
