import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { isClosed } from './flagFormat';
import { StressorGroups, stressorAnchor } from './rows';

/**
 * Which flags are expanded, whether the closed ones are shown, and the stressor the URL
 * names. A link like `…/sre-health#stressor-knowledge-gap` (the scorecard's cells, the
 * verdict's actions) names a stressor: the one element that carries its anchor (the open
 * flag's row, else its chip, else its closed row) is highlighted, expanded (the closed
 * rows shown first) and scrolled to.
 */
export function useStressorTarget(groups: StressorGroups) {
  const { active, closed, anchorOf } = groups;
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [showClosed, setShowClosed] = useState(false);
  const { hash } = useLocation();
  const targetKey = hash.startsWith('#stressor-')
    ? decodeURIComponent(hash.slice('#stressor-'.length))
    : undefined;
  const targetId =
    targetKey === undefined ? undefined : anchorOf.get(targetKey);
  const targetFlag = [...active, ...closed].find(r => r.id === targetId)?.flag;
  const handledHash = useRef<string | undefined>();
  useEffect(() => {
    if (targetKey === undefined || targetId === undefined) return;
    if (handledHash.current === hash) return;
    handledHash.current = hash;
    const scroll = () =>
      document
        .getElementById(stressorAnchor(targetKey))
        ?.scrollIntoView?.({ block: 'start' });
    if (targetFlag) {
      const flagId = targetFlag.id;
      setExpanded(current => new Set(current).add(flagId));
      if (isClosed(targetFlag)) {
        // the closed rows are hidden until shown: scroll once they are
        setShowClosed(true);
        setTimeout(scroll, 0);
        return;
      }
    }
    scroll();
  }, [hash, targetKey, targetId, targetFlag]);

  const toggle = (id: string) =>
    setExpanded(current => {
      const next = new Set(current);
      if (next.has(id)) {
        next.delete(id);
      } else {
        next.add(id);
      }
      return next;
    });

  return {
    targetKey,
    targetId,
    expanded,
    toggle,
    showClosed,
    toggleClosed: () => setShowClosed(shown => !shown),
  };
}
