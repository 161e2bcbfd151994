// One ticket: details, controls (staff: status, priority, assignee; requester: close or reopen),
// the threaded conversation with internal notes marked, files, a composer, and the timeline.
// Field changes send the `version` the page read; a 409 says someone else got there first.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, newIdempotencyKey } from '../api';
import { AttachmentList } from '../components/attachments';
import { BreachedBadge, EmailBadge, InternalBadge, PriorityBadge, RoleBadge, StatusBadge } from '../components/badges';
import { ErrorNotice, Notice } from '../components/notice';
import {
  formatBytes,
  formatDate,
  fromNow,
  plural,
  PRIORITIES,
  priorityLabel,
  statusLabel,
  TRANSITIONS,
} from '../format';
import { subscribe } from '../realtime';
import { dueText, useSlaContext } from '../sla-clock';
import { href } from '../router';
import type {
  Attachment,
  AttachmentList as AttachmentListJson,
  Comment,
  Page,
  Status,
  Ticket,
  TicketWithTimeline,
  TimelineEvent,
  User,
} from '../types';

type Change = Partial<{ status: string; priority: string; assignee_id: number | null }>;

export function TicketPage({ id, user }: { id: number; user: User }) {
  const staff = user.role !== 'user';
  const [ticket, setTicket] = useState<TicketWithTimeline | null>(null);
  const [comments, setComments] = useState<Comment[]>([]);
  /** The ticket's files that no comment holds: kept apart from `ticket`, so new ones show without a reload. */
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  /** The highest version realtime announced: above the page's, someone else changed the ticket. */
  const [announcedVersion, setAnnouncedVersion] = useState(0);
  const [deleted, setDeleted] = useState(false);
  const sla = useSlaContext(staff);
  const [replyTo, setReplyTo] = useState<Comment | null>(null);
  const current = useRef<TicketWithTimeline | null>(null);
  current.current = ticket;
  const announcedVersionRef = useRef(0);
  announcedVersionRef.current = announcedVersion;
  const refetchTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const attachmentsTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(
    () => () => {
      clearTimeout(refetchTimer.current);
      clearTimeout(attachmentsTimer.current);
    },
    [],
  );
  /** Numbers each read of the attachments: an answer older than one already shown is dropped. */
  const attachmentsRead = useRef({ sent: 0, shown: 0 });
  const showAttachments = (read: number, list: Attachment[]) => {
    if (read < attachmentsRead.current.shown) return;
    attachmentsRead.current.shown = read;
    setAttachments(list);
  };

  const loadTicket = async () => {
    const read = ++attachmentsRead.current.sent;
    const fresh = await api<TicketWithTimeline>('GET', `/tickets/${id}`);
    setTicket(fresh);
    // `?? []`: in a rolling deploy this console may meet an API instance from before attachments.
    showAttachments(read, fresh.attachments ?? []);
    setConflict(false);
  };
  const loadAttachments = async () => {
    const read = ++attachmentsRead.current.sent;
    const all = await api<AttachmentListJson>('GET', `/tickets/${id}/attachments`);
    showAttachments(
      read,
      all.items.filter((attachment) => attachment.comment_id === null),
    );
  };
  const loadComments = async () => {
    const all: Comment[] = [];
    for (let offset = 0; offset < 2000; offset += 100) {
      const page = await api<Page<Comment>>('GET', `/tickets/${id}/comments?limit=100&offset=${offset}`);
      all.push(...page.items);
      if (page.next_offset === null) break;
    }
    setComments(all);
  };
  const reload = () => {
    setSaved(null);
    setActionError(null);
    return Promise.all([loadTicket(), loadComments()])
      .then(() => setLoadError(null))
      .catch(setLoadError);
  };
  useEffect(() => {
    setTicket(null);
    void reload();
  }, [id]);

  useEffect(
    () =>
      subscribe((message) => {
        if (message.type === 'reconnected') return void reload();
        if (message.ticket_id !== id) return;
        if (message.type === 'comment.created') {
          // Comments do not change the version: the ticket can be refetched without losing anything
          // unless someone else's change is waiting to be looked at.
          void loadComments().catch(setLoadError);
          const shown = current.current;
          if (shown && announcedVersionRef.current <= shown.version) void loadTicket().catch(setLoadError);
          return;
        }
        if (message.type === 'attachment.added') {
          // Files change no version: fetch the list alone, once for a burst of uploads.
          clearTimeout(attachmentsTimer.current);
          attachmentsTimer.current = setTimeout(() => void loadAttachments().catch(setLoadError), 150);
          return;
        }
        if (message.type === 'ticket.updated' && message.data.deleted === true) return setDeleted(true);
        if (!staff) {
          // A requester has nothing to lose (no field controls but close and reopen): keep it current.
          clearTimeout(refetchTimer.current);
          refetchTimer.current = setTimeout(() => void loadTicket().catch(setLoadError), 150);
          return;
        }
        // Staff are told instead, and take the change in when they choose (Reload).
        const version =
          typeof message.data.version === 'number' ? message.data.version : (current.current?.version ?? 0) + 1;
        setAnnouncedVersion((seen) => Math.max(seen, version));
      }),
    [id, staff],
  );

  // Never rejects: a failure is shown above the page.
  const deleteAttachment = async (attachment: Attachment) => {
    setSaved(null);
    setActionError(null);
    try {
      await api('DELETE', attachment.url);
      attachmentsRead.current.shown = ++attachmentsRead.current.sent; // answers already on their way are stale
      setAttachments((list) => list.filter((other) => other.id !== attachment.id));
      setSaved(`Deleted ${attachment.filename}.`);
    } catch (failure) {
      setActionError(failure);
    }
  };

  // Never rejects: a failure is shown beside the controls, so they can leave the promise alone.
  const change = async (fields: Change, done: string) => {
    if (!ticket) return;
    setBusy(true);
    setSaved(null);
    setActionError(null);
    setConflict(false);
    try {
      const updated = await api<Ticket>('PATCH', `/tickets/${id}`, { version: ticket.version, ...fields });
      setTicket({ ...ticket, ...updated });
      setSaved(done);
      void loadTicket().catch(() => undefined); // the timeline
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'VERSION_CONFLICT') setConflict(true);
      else setActionError(failure);
    } finally {
      setBusy(false);
    }
  };

  if (loadError instanceof ApiError && loadError.status === 404) {
    return (
      <main>
        <Notice kind="error">Ticket #{id} does not exist, or you may not see it.</Notice>
        <a href={href('/tickets')}>← Tickets</a>
      </main>
    );
  }
  if (!ticket) {
    return (
      <main>
        <ErrorNotice error={loadError} />
        {!loadError && <p class="muted">Loading…</p>}
      </main>
    );
  }

  const stale = announcedVersion > ticket.version;
  const due = (iso: string | null) => dueText(iso, ticket.priority, sla);
  return (
    <main class="ticket-page" data-version={ticket.version}>
      <p>
        <a href={href('/tickets')}>← {staff ? 'Queue' : 'My tickets'}</a>
      </p>
      <header class="ticket-head">
        <h1>
          <span class="muted">#{ticket.id}</span> <span class="ticket-title">{ticket.title}</span>
        </h1>
        <div class="badges">
          <StatusBadge status={ticket.status} />
          <PriorityBadge priority={ticket.priority} />
          {ticket.is_breached && <BreachedBadge />}
          <EmailBadge source={ticket.source} title="Opened by email" />
          {ticket.category && <span class="badge">{ticket.category.name}</span>}
          {ticket.tags.map((tag) => (
            <span key={tag} class="badge tag">
              {tag}
            </span>
          ))}
        </div>
      </header>

      {deleted && <Notice kind="error">This ticket was deleted.</Notice>}
      {conflict && (
        <Notice kind="warning">
          <strong>Someone else changed this ticket — reload to see their changes.</strong> Your change was not saved.{' '}
          <button type="button" onClick={() => void reload()}>
            Reload
          </button>
        </Notice>
      )}
      {stale && !conflict && !deleted && (
        <Notice kind="info">
          This ticket was changed since you opened it.{' '}
          <button type="button" onClick={() => void reload()}>
            Reload
          </button>
        </Notice>
      )}
      {saved && <Notice kind="success">{saved}</Notice>}
      <ErrorNotice error={actionError} />
      <ErrorNotice error={loadError} />

      <div class="ticket-layout">
        <section class="ticket-main">
          <article class="card description">
            <header class="comment-head">
              <strong>{ticket.requester.name}</strong> <span class="muted">opened {fromNow(ticket.created_at)}</span>
            </header>
            <p class="body">{ticket.description}</p>
            <AttachmentList
              attachments={attachments}
              user={user}
              onDelete={(attachment) => void deleteAttachment(attachment)}
            />
          </article>

          <h2>Conversation</h2>
          <Thread comments={comments} onReply={setReplyTo} />
          <Composer
            ticketId={id}
            staff={staff}
            replyTo={replyTo}
            onCancelReply={() => setReplyTo(null)}
            onPosted={() => {
              setReplyTo(null);
              void loadComments().catch(setLoadError);
            }}
            onUploadsGone={(gone) => {
              // Posted with a comment (then shown with it) or discarded: no longer the ticket's own.
              attachmentsRead.current.shown = ++attachmentsRead.current.sent;
              setAttachments((list) => list.filter((attachment) => !gone.includes(attachment.id)));
            }}
          />
        </section>

        <aside class="ticket-side">
          <div class="card">
            {staff ? (
              <StaffControls ticket={ticket} user={user} busy={busy} onChange={(...args) => void change(...args)} />
            ) : (
              <RequesterControls ticket={ticket} busy={busy} onChange={(...args) => void change(...args)} />
            )}
            <dl class="facts">
              <dt>Requester</dt>
              <dd>{ticket.requester.name}</dd>
              <dt>Assignee</dt>
              <dd>{ticket.assignee?.name ?? 'Unassigned'}</dd>
              <dt>First response due</dt>
              <dd class="due-first-response" title={formatDate(ticket.first_response_due_at)}>
                {ticket.first_responded_at
                  ? `answered ${fromNow(ticket.first_responded_at)}`
                  : due(ticket.first_response_due_at)}
              </dd>
              <dt>Resolution due</dt>
              <dd class="due-resolution" title={formatDate(ticket.resolution_due_at)}>
                {ticket.resolved_at ? `resolved ${fromNow(ticket.resolved_at)}` : due(ticket.resolution_due_at)}
              </dd>
              <dt>Created</dt>
              <dd>{formatDate(ticket.created_at)}</dd>
            </dl>
          </div>
          <Timeline events={ticket.timeline} />
        </aside>
      </div>
    </main>
  );
}

function StaffControls({
  ticket,
  user,
  busy,
  onChange,
}: {
  ticket: Ticket;
  user: User;
  busy: boolean;
  onChange: (fields: Change, done: string) => void;
}) {
  const [people, setPeople] = useState<Array<{ id: number; name: string }>>([]);
  useEffect(() => {
    // Admins may assign to any active agent or admin; agents only to themselves (API.md → Roles).
    if (user.role !== 'admin') return;
    Promise.all(
      ['agent', 'admin'].map((role) =>
        api<Page<User>>('GET', `/users?role=${role}&limit=100`).then((page) => page.items),
      ),
    )
      .then((lists) => setPeople(lists.flat().filter((person) => person.is_active)))
      .catch(() => setPeople([]));
  }, [user.role]);

  const options = new Map<number, string>([[user.id, `${user.name} (me)`]]);
  for (const person of people) if (!options.has(person.id)) options.set(person.id, person.name);
  if (ticket.assignee && !options.has(ticket.assignee.id)) options.set(ticket.assignee.id, ticket.assignee.name);
  const statuses: Status[] = [ticket.status, ...TRANSITIONS[ticket.status]];

  return (
    <div class="controls">
      <label>
        Status
        <select
          name="status"
          disabled={busy}
          value={ticket.status}
          onChange={(e) =>
            onChange({ status: e.currentTarget.value }, `Status changed to ${statusLabel(e.currentTarget.value)}.`)
          }
        >
          {statuses.map((status) => (
            <option key={status} value={status}>
              {statusLabel(status)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Priority
        <select
          name="priority"
          disabled={busy || ticket.status === 'closed'}
          value={ticket.priority}
          onChange={(e) =>
            onChange(
              { priority: e.currentTarget.value },
              `Priority changed to ${priorityLabel(e.currentTarget.value)}.`,
            )
          }
        >
          {PRIORITIES.map((priority) => (
            <option key={priority} value={priority}>
              {priorityLabel(priority)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Assignee
        <select
          name="assignee"
          disabled={busy}
          value={ticket.assignee ? String(ticket.assignee.id) : ''}
          onChange={(e) => {
            const value = e.currentTarget.value;
            onChange(
              { assignee_id: value ? Number(value) : null },
              value ? `Assigned to ${options.get(Number(value))}.` : 'Unassigned.',
            );
          }}
        >
          <option value="">Unassigned</option>
          {[...options].map(([id, name]) => (
            <option key={id} value={String(id)}>
              {name}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function RequesterControls({
  ticket,
  busy,
  onChange,
}: {
  ticket: Ticket;
  busy: boolean;
  onChange: (fields: Change, done: string) => void;
}) {
  return (
    <div class="controls">
      {ticket.status === 'resolved' && (
        <button type="button" disabled={busy} onClick={() => onChange({ status: 'open' }, 'Ticket reopened.')}>
          Reopen ticket
        </button>
      )}
      {ticket.status !== 'closed' && (
        <button type="button" disabled={busy} onClick={() => onChange({ status: 'closed' }, 'Ticket closed.')}>
          Close ticket
        </button>
      )}
    </div>
  );
}

/** Replies under their parent; a reply whose parent the viewer cannot see starts its own thread. */
function Thread({ comments, onReply }: { comments: Comment[]; onReply: (comment: Comment) => void }) {
  if (!comments.length) return <p class="muted empty">No replies yet.</p>;
  const ids = new Set(comments.map((comment) => comment.id));
  const children = new Map<number | null, Comment[]>();
  for (const comment of comments) {
    const parent = comment.parent_id !== null && ids.has(comment.parent_id) ? comment.parent_id : null;
    children.set(parent, [...(children.get(parent) ?? []), comment]);
  }
  const branch = (parent: number | null, depth: number) =>
    (children.get(parent) ?? []).map((comment) => (
      <div key={comment.id} class={depth ? 'reply' : 'thread'}>
        <CommentView comment={comment} onReply={onReply} />
        {branch(comment.id, depth + 1)}
      </div>
    ));
  return <div class="conversation">{branch(null, 0)}</div>;
}

function CommentView({ comment, onReply }: { comment: Comment; onReply: (comment: Comment) => void }) {
  return (
    <article
      class={comment.is_internal ? 'comment card internal-note' : 'comment card'}
      data-comment-id={comment.id}
      data-internal={comment.is_internal ? 'true' : 'false'}
    >
      <header class="comment-head">
        <strong>{comment.author.name}</strong> <RoleBadge role={comment.author.role} />
        {comment.is_internal && <InternalBadge />}
        <EmailBadge source={comment.source} title="Sent by email" />{' '}
        <time class="muted" dateTime={comment.created_at} title={formatDate(comment.created_at)}>
          {fromNow(comment.created_at)}
        </time>
        {comment.edited_at && <span class="muted"> · edited</span>}
      </header>
      {comment.deleted_at ? (
        <p class="muted">This comment was deleted.</p>
      ) : (
        <>
          <p class="body">{comment.body}</p>
          <AttachmentList attachments={comment.attachments ?? []} />
        </>
      )}
      <button type="button" class="link" onClick={() => onReply(comment)}>
        Reply
      </button>
    </article>
  );
}

/** At most this many files per upload request, hence per comment (API.md → Attachments). */
const MAX_FILES = 10;

/** Files uploaded for a message that was not posted yet: a retry posts them instead of uploading again. */
interface Uploaded {
  files: File[];
  internal: boolean;
  items: Attachment[];
}

function Composer({
  ticketId,
  staff,
  replyTo,
  onCancelReply,
  onPosted,
  onUploadsGone,
}: {
  ticketId: number;
  staff: boolean;
  replyTo: Comment | null;
  onCancelReply: () => void;
  onPosted: () => void;
  /** Files this form uploaded that a comment took, or that it deleted: the ticket no longer lists them. */
  onUploadsGone: (ids: number[]) => void;
}) {
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [tooMany, setTooMany] = useState(false);
  const [busy, setBusy] = useState<'uploading' | 'sending' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const idempotencyKey = useRef(newIdempotencyKey());
  const uploaded = useRef<Uploaded | null>(null);

  const pick = (chosen: FileList | null) => {
    const all = [...files, ...Array.from(chosen ?? [])];
    setTooMany(all.length > MAX_FILES);
    setFiles(all.slice(0, MAX_FILES));
  };
  const unpick = (index: number) => {
    setTooMany(false);
    setFiles(files.filter((_, other) => other !== index));
  };

  /** The files as attachments with the message's `is_internal` (the API refuses a mismatch). */
  const upload = async (internal: boolean): Promise<Attachment[]> => {
    const done = uploaded.current;
    if (done && done.internal === internal && sameFiles(done.files, files)) return done.items;
    if (done) {
      // The selection changed since: those would stay on the ticket.
      discard(done.items);
      onUploadsGone(done.items.map((attachment) => attachment.id));
    }
    uploaded.current = null;
    const form = new FormData();
    // Before the files, so the server knows before it stores any; a requester never sends it.
    if (staff) form.append('is_internal', String(internal));
    for (const file of files) form.append('file', file, file.name);
    const { items } = await api<AttachmentListJson>('POST', `/tickets/${ticketId}/attachments`, form);
    uploaded.current = { files, internal, items };
    return items;
  };

  const post = async (internal: boolean) => {
    if (!body.trim()) return;
    setError(null);
    try {
      setBusy(files.length ? 'uploading' : 'sending');
      const attached = files.length ? (await upload(internal)).map((attachment) => attachment.id) : [];
      setBusy('sending');
      const comment: Record<string, unknown> = { body };
      if (replyTo) comment.parent_id = replyTo.id;
      if (staff) comment.is_internal = internal;
      if (attached.length) comment.attachment_ids = attached;
      await api('POST', `/tickets/${ticketId}/comments`, comment, { idempotencyKey: idempotencyKey.current });
      idempotencyKey.current = newIdempotencyKey();
      uploaded.current = null;
      setBody('');
      setFiles([]);
      setTooMany(false);
      onPosted();
      if (attached.length) onUploadsGone(attached);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  };

  return (
    <form
      class="card composer"
      onSubmit={(event) => {
        event.preventDefault();
        void post(false);
      }}
    >
      {replyTo && (
        <p class="muted replying">
          Replying to {replyTo.author.name}{' '}
          <button type="button" class="link" onClick={onCancelReply}>
            cancel
          </button>
        </p>
      )}
      <ErrorNotice error={error} />
      {tooMany && <Notice kind="warning">At most {MAX_FILES} files per message: the rest were left out.</Notice>}
      <textarea
        name="body"
        rows={4}
        maxLength={10000}
        aria-label="Message"
        placeholder={staff ? 'Write a reply, or an internal note only staff can see' : 'Write a reply'}
        value={body}
        onInput={(event) => setBody(event.currentTarget.value)}
      />
      {files.length > 0 && (
        <ul class="picked-files" aria-label="Files to attach">
          {files.map((file, index) => (
            <li key={`${index}:${file.name}`}>
              <span class="filename">{file.name}</span> <span class="muted">{formatBytes(file.size)}</span>{' '}
              <button
                type="button"
                class="link"
                disabled={busy !== null}
                aria-label={`Remove ${file.name}`}
                onClick={() => unpick(index)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="composer-actions">
        <label class={busy !== null || files.length >= MAX_FILES ? 'button file-pick disabled' : 'button file-pick'}>
          Attach files
          <input
            type="file"
            name="files"
            multiple
            class="visually-hidden"
            disabled={busy !== null || files.length >= MAX_FILES}
            onChange={(event) => {
              pick(event.currentTarget.files);
              event.currentTarget.value = ''; // choosing the same file again is a change too
            }}
          />
        </label>
        {busy === 'uploading' && (
          <span class="muted progress" role="status">
            Uploading {plural(files.length, 'file')}…
          </span>
        )}
        {staff && (
          <button type="button" class="note" disabled={busy !== null || !body.trim()} onClick={() => void post(true)}>
            Add internal note
          </button>
        )}
        <button type="submit" class="primary" disabled={busy !== null || !body.trim()}>
          {staff ? 'Send public reply' : 'Send reply'}
        </button>
      </div>
    </form>
  );
}

const sameFiles = (a: File[], b: File[]) => a.length === b.length && a.every((file, index) => file === b[index]);

/** Best effort: an upload no message will take is deleted (the uploader may, for 15 minutes). */
function discard(attachments: Attachment[]): void {
  for (const attachment of attachments) void api('DELETE', attachment.url).catch(() => undefined);
}

function Timeline({ events }: { events: TimelineEvent[] }) {
  return (
    <section class="card timeline" aria-label="Timeline">
      <h2>Timeline</h2>
      <ol>
        {events.map((event) => (
          <li key={event.id} class={`event event-${event.type.replace('.', '-')}`}>
            <span>
              {EMAIL_EVENTS.has(event.type) ? (
                describeEvent(event)
              ) : (
                <>
                  <strong>{event.actor?.name ?? 'SLA monitor'}</strong> {describeEvent(event)}
                </>
              )}
            </span>
            <time class="muted" dateTime={event.created_at} title={formatDate(event.created_at)}>
              {fromNow(event.created_at)}
            </time>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Told as what happened, not who did it: the email channel's own events (the sender, or no actor). */
const EMAIL_EVENTS = new Set(['email.received', 'email.sent']);

function describeEvent({ type, data, actor }: TimelineEvent): string {
  const from = (value: unknown) => statusOrPriority(value);
  switch (type) {
    case 'ticket.created':
      return 'opened the ticket';
    case 'ticket.updated':
      return `edited ${Object.keys((data.changes as object) ?? {}).join(', ') || 'the ticket'}`;
    case 'status.changed':
      return `changed the status from ${from(data.from)} to ${from(data.to)}`;
    case 'priority.changed':
      return `changed the priority from ${from(data.from)} to ${from(data.to)}`;
    case 'assignee.changed':
      if (data.claimed) return 'claimed the ticket';
      if (data.to === null) return 'unassigned the ticket';
      return data.to === actor?.id ? 'took the ticket' : 'assigned the ticket';
    case 'comment.created':
      return data.is_internal ? 'added an internal note' : 'replied';
    case 'comment.deleted':
      return 'deleted a comment';
    case 'sla.warning':
      return `warned that the ${String(data.kind ?? 'SLA').replace('_', ' ')} target is due soon`;
    case 'sla.breached':
      return `recorded a missed ${String(data.kind ?? 'SLA').replace('_', ' ')} target`;
    case 'ticket.escalated':
      return `escalated the ticket${data.level ? ` (level ${String(data.level)})` : ''}`;
    case 'ticket.deleted':
      return 'deleted the ticket';
    case 'ticket.restored':
      return 'restored the ticket';
    case 'attachment.added':
      return typeof data.filename === 'string' ? `attached ${data.filename}` : 'attached a file';
    case 'attachment.deleted':
      return typeof data.filename === 'string' ? `deleted ${data.filename}` : 'deleted a file';
    case 'email.received':
      return `Email received from ${typeof data.from === 'string' ? data.from : 'an unknown sender'}`;
    case 'email.sent':
      return `Email sent to ${Array.isArray(data.to) ? data.to.join(', ') : String(data.to)} (${String(data.kind)})`;
    default:
      return type;
  }
}

function statusOrPriority(value: unknown): string {
  const text = String(value);
  return (PRIORITIES as string[]).includes(text) ? priorityLabel(text) : statusLabel(text);
}
