import type { Receipt } from '@keito/sdk';
import { Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { type DragEvent, useEffect, useId, useRef, useState } from 'react';

/** What the server accepts (it decides by the bytes; this only guides the file picker). */
const ACCEPT = 'image/png,image/jpeg,image/gif,application/pdf';
const MAX_BYTES = 10 * 1024 * 1024;

interface Props {
  /** The receipt already stored, unless it is being removed. */
  current: Receipt | null;
  file: File | null;
  onFile: (file: File | null) => void;
  onRemoveCurrent: () => void;
  disabled: boolean;
}

/**
 * The receipt area of the expense form: drop a file on it, pick one, or (on phones) take a photo,
 * with a preview of an image or the first page of a PDF.
 */
export function ReceiptField({ current, file, onFile, onRemoveCurrent, disabled }: Props) {
  const [dragging, setDragging] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const camera = useRef<HTMLInputElement>(null);
  const labelId = useId();
  const [preview, setPreview] = useState<string | null>(null);

  useEffect(() => {
    if (file === null) {
      setPreview(null);
      return;
    }
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  const take = (chosen: File | undefined) => {
    if (chosen === undefined) return;
    if (chosen.size > MAX_BYTES) {
      setProblem('Receipts can be at most 10 MB');
      return;
    }
    setProblem(null);
    onFile(chosen);
  };
  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    if (!disabled) take(event.dataTransfer.files[0]);
  };

  const shownType = file?.type ?? current?.content_type ?? '';
  const shownUrl = file !== null ? preview : (current?.url ?? null);

  return (
    <Stack gap={6}>
      <Text size="sm" fw={500} id={labelId}>
        Receipt
      </Text>
      <Paper
        withBorder
        p="md"
        role="group"
        aria-labelledby={labelId}
        data-testid="receipt-drop"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={drop}
        style={{ borderStyle: 'dashed', background: dragging ? 'var(--mantine-color-indigo-0)' : undefined }}
      >
        <Stack gap="xs" align="center">
          {file === null && current === null ? (
            <Text size="sm" c="dimmed" ta="center">
              Drop a PNG, JPEG, GIF or PDF here (at most 10 MB)
            </Text>
          ) : (
            <Text size="sm" ta="center">
              {file?.name ?? current?.file_name}
            </Text>
          )}
          {shownUrl !== null &&
            (shownType.startsWith('image/') ? (
              <img src={shownUrl} alt="Receipt preview" style={{ maxWidth: '100%', maxHeight: 200 }} />
            ) : shownType === 'application/pdf' ? (
              <iframe
                src={`${shownUrl}#page=1&toolbar=0`}
                title="Receipt preview"
                style={{ width: '100%', height: 200, border: 0 }}
              />
            ) : null)}
          <Group gap="xs" justify="center">
            <Button variant="default" size="xs" disabled={disabled} onClick={() => picker.current?.click()}>
              Choose file
            </Button>
            <Button
              variant="default"
              size="xs"
              hiddenFrom="sm"
              disabled={disabled}
              onClick={() => camera.current?.click()}
            >
              Take photo
            </Button>
            {(file !== null || current !== null) && (
              <Button
                variant="subtle"
                color="red"
                size="xs"
                disabled={disabled}
                onClick={() => (file !== null ? onFile(null) : onRemoveCurrent())}
              >
                Remove receipt
              </Button>
            )}
            {file === null && current !== null && (
              <Anchor href={current.url} target="_blank" rel="noopener" size="xs">
                Open receipt
              </Anchor>
            )}
          </Group>
          {problem && (
            <Text size="sm" c="red" role="alert">
              {problem}
            </Text>
          )}
        </Stack>
        <input
          ref={picker}
          type="file"
          accept={ACCEPT}
          hidden
          aria-label="Receipt file"
          onChange={(event) => take(event.currentTarget.files?.[0])}
        />
        <input
          ref={camera}
          type="file"
          accept="image/*"
          capture="environment"
          hidden
          aria-label="Receipt photo"
          onChange={(event) => take(event.currentTarget.files?.[0])}
        />
      </Paper>
    </Stack>
  );
}
