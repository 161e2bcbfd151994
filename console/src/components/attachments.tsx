// A ticket's or a comment's files: images as thumbnails, the others as names to download.
// Downloads need the Bearer header, so the bytes are fetched and handed to the browser as a blob.
// Thumbnails are drawn small onto a canvas and shown as data: URLs: /app's CSP allows `img-src
// 'self' data:` (no blob:), and a 160 px picture holds far less memory than the 20 MB photo behind it.
import { useEffect, useRef, useState } from 'preact/hooks';
import { fetchBlob, onUserChange } from '../api';
import { formatBytes, formatDate } from '../format';
import type { Attachment, User } from '../types';
import { InternalBadge } from './badges';
import { describeError } from './notice';

/** What `?inline=1` serves inline (API.md → Attachments): never SVG or HTML. */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
export const isImage = (attachment: Attachment) => IMAGE_TYPES.has(attachment.content_type);

/** The uploader may delete a file for 15 minutes while no comment holds it; an admin always. */
const UPLOADER_DELETE_WINDOW_MS = 15 * 60 * 1000;

export function AttachmentList({
  attachments,
  user,
  onDelete,
}: {
  attachments: Attachment[];
  /** With onDelete: offers Delete where the viewer may (API.md → Attachments → DELETE). */
  user?: User;
  onDelete?: (attachment: Attachment) => void;
}) {
  if (!attachments.length) return null;
  const deletable = (attachment: Attachment) =>
    !!user &&
    (user.role === 'admin' ||
      (attachment.uploaded_by.id === user.id &&
        attachment.comment_id === null &&
        Date.now() - new Date(attachment.created_at).getTime() < UPLOADER_DELETE_WINDOW_MS));
  return (
    <ul class="attachments" aria-label="Attachments">
      {attachments.map((attachment) => (
        <AttachmentItem
          key={attachment.id}
          attachment={attachment}
          onDelete={onDelete && deletable(attachment) ? () => onDelete(attachment) : undefined}
        />
      ))}
    </ul>
  );
}

function AttachmentItem({ attachment, onDelete }: { attachment: Attachment; onDelete?: () => void }) {
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const download = async () => {
    setDownloading(true);
    setError(null);
    try {
      saveBlob(await fetchBlob(attachment.url), attachment.filename);
    } catch (failure) {
      setError(failure);
    } finally {
      setDownloading(false);
    }
  };
  const image = isImage(attachment);
  return (
    <li
      class={image ? 'attachment attachment-image' : 'attachment'}
      data-attachment-id={attachment.id}
      title={`${attachment.filename} · ${attachment.uploaded_by.name}, ${formatDate(attachment.created_at)}`}
    >
      {image && (
        <button
          type="button"
          class="thumb-button"
          aria-label={`Download ${attachment.filename}`}
          disabled={downloading}
          onClick={() => void download()}
        >
          <Thumbnail attachment={attachment} />
        </button>
      )}
      <span class="attachment-line">
        <button type="button" class="link filename" disabled={downloading} onClick={() => void download()}>
          {attachment.filename}
        </button>
        <span class="muted size">{downloading ? 'Downloading…' : formatBytes(attachment.size)}</span>
        {attachment.is_internal && attachment.comment_id === null && <InternalBadge />}
        {onDelete && (
          <button type="button" class="link danger" onClick={onDelete}>
            Delete
          </button>
        )}
      </span>
      {error !== null && (
        <span class="attachment-error" role="alert">
          {describeError(error)}
        </span>
      )}
    </li>
  );
}

/** The image, small; fetched when it first comes near the screen, so a long thread spends few requests. */
function Thumbnail({ attachment }: { attachment: Attachment }) {
  const holder = useRef<HTMLSpanElement>(null);
  const [near, setNear] = useState(false);
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const element = holder.current;
    if (!element || near) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          setNear(true);
          observer.disconnect();
        }
      },
      { rootMargin: '300px' },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);

  useEffect(() => {
    if (!near) return;
    let current = true;
    thumbnail(attachment).then(
      (url) => current && setSrc(url),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [near, attachment.id]);

  return (
    <span ref={holder} class="thumb" data-state={src ? 'loaded' : failed ? 'failed' : 'loading'}>
      {src ? (
        <img src={src} alt={attachment.filename} />
      ) : (
        <span class="muted">{failed ? 'No preview' : 'Loading…'}</span>
      )}
    </span>
  );
}

const THUMB_WIDTH = 160;
const THUMB_HEIGHT = 120;
const CACHED_THUMBNAILS = 200;

/**
 * Attachment id → its thumbnail (a data: URL). The bytes behind an id never change, and each fetch
 * counts against the caller's 60 requests a minute: a page that rerenders or comes back fetches none.
 */
const thumbnails = new Map<number, Promise<string>>();
onUserChange((user) => {
  if (!user) thumbnails.clear(); // the next person to sign in on this tab starts empty
});

function thumbnail(attachment: Attachment): Promise<string> {
  let cached = thumbnails.get(attachment.id);
  if (!cached) {
    cached = renderThumbnail(`${attachment.url}?inline=1`);
    thumbnails.set(attachment.id, cached);
    cached.catch(() => thumbnails.delete(attachment.id)); // try again next time
    if (thumbnails.size > CACHED_THUMBNAILS) thumbnails.delete(thumbnails.keys().next().value!);
  }
  return cached;
}

async function renderThumbnail(url: string): Promise<string> {
  // Decoded without a URL (no CSP question), drawn at twice the shown size for sharp high-DPI screens.
  const bitmap = await createImageBitmap(await fetchBlob(url));
  try {
    const scale = Math.min(1, (2 * THUMB_WIDTH) / bitmap.width, (2 * THUMB_HEIGHT) / bitmap.height);
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2d canvas');
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    // WebP keeps transparency and is small; a browser that cannot write it gives PNG.
    return canvas.toDataURL('image/webp', 0.85);
  } finally {
    bitmap.close();
  }
}

/** Hands the bytes to the browser as a download named `filename`. */
function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference once started; some browsers start it a moment after click().
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
