// Tabs with the keyboard behaviour screen-reader users expect (WAI-ARIA tabs pattern): arrow keys
// move between tabs, Home/End jump, only the active tab is in the Tab order, and the panel is
// labelled by its tab. Generic: any step with several views uses it.
import { useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import './components.css';

/** One tab. */
export interface TabItem<Id extends string> {
  id: Id;
  label: string;
  /** A small count or mark after the label (e.g. the number of findings). */
  badge?: ReactNode;
  isDisabled?: boolean;
}

/** Tabs props. */
export interface TabsProps<Id extends string> {
  /** Prefix of the element ids (unique on the page). */
  idPrefix: string;
  /** What the set of tabs is about, for screen readers. */
  label: string;
  tabs: ReadonlyArray<TabItem<Id>>;
  active: Id;
  onSelect: (id: Id) => void;
  /** The active tab's panel. */
  children: ReactNode;
}

/** A tab list and the active panel. */
export function Tabs<Id extends string>({ idPrefix, label, tabs, active, onSelect, children }: TabsProps<Id>) {
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const enabled = tabs.filter((tab) => !tab.isDisabled);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = enabled.findIndex((tab) => tab.id === active);
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (index + 1) % enabled.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + enabled.length) % enabled.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = enabled.length - 1;
    if (next === null || enabled.length === 0) return;
    event.preventDefault();
    const id = enabled[next].id;
    onSelect(id);
    refs.current[id]?.focus();
  }

  return (
    <div className="tabs">
      <div className="tabs__list" role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((tab) => {
          const isActive = tab.id === active;
          return (
            <button
              key={tab.id}
              ref={(el) => {
                refs.current[tab.id] = el;
              }}
              type="button"
              role="tab"
              id={`${idPrefix}-tab-${tab.id}`}
              aria-selected={isActive}
              aria-controls={`${idPrefix}-panel`}
              tabIndex={isActive ? 0 : -1}
              disabled={tab.isDisabled}
              className={isActive ? 'tabs__tab tabs__tab--active' : 'tabs__tab'}
              data-tab={tab.id}
              onClick={() => onSelect(tab.id)}
            >
              <span>{tab.label}</span>
              {tab.badge !== undefined && tab.badge !== null ? <span className="tabs__badge">{tab.badge}</span> : null}
            </button>
          );
        })}
      </div>
      <div className="tabs__panel" role="tabpanel" id={`${idPrefix}-panel`} aria-labelledby={`${idPrefix}-tab-${active}`} tabIndex={-1}>
        {children}
      </div>
    </div>
  );
}
