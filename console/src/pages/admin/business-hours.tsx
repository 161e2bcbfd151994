// The desk's business hours (GET/PUT /business-hours): a zone, up to 4 intervals a day, holidays.
// The server validates (overlaps, a week with no hours, unknown zones); its 400 details are listed
// beside the form, field by field, as it names them.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../../api';
import { describeError, Notice } from '../../components/notice';
import { forgetSlaContext } from '../../sla-clock';
import type { BusinessHours, Interval, Weekday } from '../../types';

const DAYS: Array<[Weekday, string]> = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
  ['sat', 'Saturday'],
  ['sun', 'Sunday'],
];
const MAX_INTERVALS = 4;
/** The contract's default: open all week, in UTC. */
const ALWAYS_OPEN: BusinessHours = {
  timezone: 'UTC',
  week: Object.fromEntries(DAYS.map(([day]) => [day, [['00:00', '24:00']]])) as BusinessHours['week'],
  holidays: [],
};

export function BusinessHoursSection() {
  const [hours, setHours] = useState<BusinessHours | null>(null);
  const [holidays, setHolidays] = useState('');
  const [loadError, setLoadError] = useState<unknown>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const show = (loaded: BusinessHours) => {
    setHours(loaded);
    setHolidays(loaded.holidays.join('\n'));
  };
  useEffect(() => {
    api<BusinessHours>('GET', '/business-hours')
      .then(show)
      .catch((error: unknown) => {
        setLoadError(error);
        show(ALWAYS_OPEN);
      });
  }, []);
  if (!hours) return <p class="muted">Loading…</p>;

  const setDay = (day: Weekday, intervals: Interval[]) =>
    setHours({ ...hours, week: { ...hours.week, [day]: intervals } });

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setSaveError(null);
    setSaved(false);
    const body: BusinessHours = {
      timezone: hours.timezone.trim(),
      week: hours.week,
      holidays: holidays
        .split(/[\s,]+/)
        .map((date) => date.trim())
        .filter(Boolean),
    };
    try {
      show(await api<BusinessHours>('PUT', '/business-hours', body));
      forgetSlaContext();
      setSaved(true);
    } catch (failure) {
      setSaveError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-label="Business hours" class="business-hours">
      {loadError !== null && (
        <Notice kind="warning">
          Could not read the business hours ({describeError(loadError)}); showing the default.
        </Notice>
      )}
      <div class="columns">
        <form class="card form" aria-label="Business hours" onSubmit={(event) => void save(event)}>
          <label>
            Time zone
            <input
              name="timezone"
              required
              placeholder="Europe/Berlin"
              list="time-zones"
              value={hours.timezone}
              onInput={(event) => setHours({ ...hours, timezone: event.currentTarget.value })}
            />
          </label>
          <TimeZones />
          <table class="week">
            <tbody>
              {DAYS.map(([day, label]) => (
                <DayRow key={day} day={day} label={label} intervals={hours.week[day] ?? []} onChange={setDay} />
              ))}
            </tbody>
          </table>
          <label>
            Holidays (one date a line, YYYY-MM-DD)
            <textarea
              name="holidays"
              rows={4}
              placeholder="2026-12-25"
              value={holidays}
              onInput={(event) => setHolidays(event.currentTarget.value)}
            />
          </label>
          {saved && <Notice kind="success">Saved.</Notice>}
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save business hours'}
          </button>
        </form>
        <ErrorDetails error={saveError} />
      </div>
    </section>
  );
}

function DayRow({
  day,
  label,
  intervals,
  onChange,
}: {
  day: Weekday;
  label: string;
  intervals: Interval[];
  onChange: (day: Weekday, intervals: Interval[]) => void;
}) {
  const set = (index: number, edge: 0 | 1, value: string) =>
    onChange(
      day,
      intervals.map((interval, i) =>
        i === index ? ((edge === 0 ? [value, interval[1]] : [interval[0], value]) as Interval) : interval,
      ),
    );
  return (
    <tr data-day={day}>
      <th scope="row">{label}</th>
      <td>
        {!intervals.length && <span class="muted">Closed</span>}
        {intervals.map(([open, close], index) => (
          <span key={index} class="interval">
            {/* Text, not type=time: "24:00" (end of day) is valid here and not to a time input. */}
            <input
              aria-label={`${label} interval ${index + 1} opens`}
              size={5}
              pattern="\d{2}:\d{2}"
              value={open}
              onInput={(event) => set(index, 0, event.currentTarget.value)}
            />
            –
            <input
              aria-label={`${label} interval ${index + 1} closes`}
              size={5}
              pattern="\d{2}:\d{2}"
              value={close}
              onInput={(event) => set(index, 1, event.currentTarget.value)}
            />
            <button
              type="button"
              class="link danger"
              aria-label={`Remove ${label} interval ${index + 1}`}
              onClick={() =>
                onChange(
                  day,
                  intervals.filter((_, i) => i !== index),
                )
              }
            >
              ✕
            </button>
          </span>
        ))}
        {intervals.length < MAX_INTERVALS && (
          <button
            type="button"
            class="link"
            aria-label={`Add ${label} interval`}
            onClick={() => onChange(day, [...intervals, ['09:00', '17:00']])}
          >
            + hours
          </button>
        )}
      </td>
    </tr>
  );
}

/** Suggestions for the zone field, from the browser's own list (IANA names). */
function TimeZones() {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return (
    <datalist id="time-zones">
      {zones.map((zone) => (
        <option key={zone} value={zone} />
      ))}
    </datalist>
  );
}

/** The API's refusal, beside the form: its message and each field it names with its problems. */
function ErrorDetails({ error }: { error: unknown }) {
  if (!error) return null;
  const details =
    error instanceof ApiError ? Object.entries(error.details).filter(([field]) => field !== '_truncated') : [];
  return (
    <div class="card form-errors" role="alert" aria-label="Problems">
      <h2>Not saved</h2>
      <p>{error instanceof ApiError ? error.message : describeError(error)}</p>
      {details.length > 0 && (
        <dl class="facts">
          {details.map(([field, problems]) => (
            <div key={field} data-field={field}>
              <dt>
                <code>{field}</code>
              </dt>
              <dd>{Array.isArray(problems) ? problems.join('; ') : String(problems)}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
