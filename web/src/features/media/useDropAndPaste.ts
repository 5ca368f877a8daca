import { type ClipboardEvent, type DragEvent, useRef, useState } from 'react';

const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files');

/**
 * Handlers for a drop zone that also takes pasted images (a screenshot on the clipboard); `dragging` is
 * true while files hover over it. Pasted text is left to the text field.
 */
export function useDropAndPaste(onFiles: (files: File[]) => void) {
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed; count them to know when the pointer left the zone.
  const depth = useRef(0);

  const handlers = {
    onDragEnter(event: DragEvent) {
      if (hasFiles(event)) {
        depth.current += 1;
        setDragging(true);
      }
    },
    onDragOver(event: DragEvent) {
      if (hasFiles(event)) {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
      }
    },
    onDragLeave(event: DragEvent) {
      if (hasFiles(event)) {
        depth.current = Math.max(0, depth.current - 1);
        setDragging(depth.current > 0);
      }
    },
    onDrop(event: DragEvent) {
      if (!hasFiles(event)) {
        return;
      }
      event.preventDefault();
      depth.current = 0;
      setDragging(false);
      onFiles(Array.from(event.dataTransfer.files));
    },
    onPaste(event: ClipboardEvent) {
      const files = Array.from(event.clipboardData.files);
      if (files.length > 0) {
        event.preventDefault();
        onFiles(files);
      }
    },
  };
  return { dragging, handlers };
}
