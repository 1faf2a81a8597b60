import { Fragment, useMemo } from 'react';
import { parseMarkdown, type Block, type Inline } from '../../../core/curriculum';

/**
 * Renders the curriculum's Markdown subset as React elements. Text only ever becomes text nodes:
 * no HTML is injected, so content cannot carry markup or scripts into the page (strict CSP too).
 */
export function Markdown({ source }: { source: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return (
    <>
      {blocks.map((block, i) => (
        <BlockView key={i} block={block} />
      ))}
    </>
  );
}

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'heading':
      return block.level === 3 ? (
        <h3>
          <Runs runs={block.content} />
        </h3>
      ) : (
        <h4>
          <Runs runs={block.content} />
        </h4>
      );
    case 'paragraph':
      return (
        <p>
          <Runs runs={block.content} />
        </p>
      );
    case 'list': {
      const items = block.items.map((runs, i) => (
        <li key={i}>
          <Runs runs={runs} />
        </li>
      ));
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
  }
}

function Runs({ runs }: { runs: Inline[] }) {
  return (
    <>
      {runs.map((r, i) =>
        r.bold ? <strong key={i}>{r.text}</strong> : r.italic ? <em key={i}>{r.text}</em> : <Fragment key={i}>{r.text}</Fragment>,
      )}
    </>
  );
}
