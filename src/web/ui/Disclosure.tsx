import { useId, useState, type ReactNode } from 'react';

/**
 * A button that shows and hides what follows it (aria-expanded). Unlike <details>, the toggle is a
 * real button for every browser and assistive technology. The content stays mounted while hidden,
 * so a half-filled form keeps its answers.
 */
export function Disclosure({ label, children, className }: { label: ReactNode; children: ReactNode; className?: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className={`disclosure ${className ?? ''}`}>
      <button
        type="button"
        className="disclosure__toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
      >
        {label}
      </button>
      <div id={id} className="disclosure__body" hidden={!open}>
        {children}
      </div>
    </div>
  );
}
