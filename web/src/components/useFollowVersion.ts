import { useEffect, useRef } from 'react';

/**
 * A form that saves one part of a section versioned as a whole follows the section's new version
 * while its own part is still as it was loaded (another part was saved, by this page or anyone);
 * when its own part changed under it, it keeps the version it was filled from, so its save is
 * refused as stale and Reload shows the other person's change. `settled(part)`: the form now
 * holds this part as saved (its own save, or a reload).
 */
export function useFollowVersion(current: number, part: string, setVersion: (version: number) => void): (part: string) => void {
  const loaded = useRef(part);
  useEffect(() => {
    if (part === loaded.current) setVersion(current);
  }, [current, part, setVersion]);
  return (settledPart: string) => {
    loaded.current = settledPart;
  };
}
