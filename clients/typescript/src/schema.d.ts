/**
 * The API's wire types, generated from openapi.json by openapi-typescript: do not edit.
 * `npm run client:types` regenerates it; src/index.ts exports them, console/src/types.ts names them for the console.
 */

export interface paths {
  '/.well-known/hackathon.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Static project descriptor shipped in the repo
     * @description Public: no access token needed.
     */
    get: operations['getHackathonJson'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/_meta': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Build and runtime information
     * @description Public: no access token needed.
     */
    get: operations['getMeta'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Liveness and readiness: Postgres and Redis reachable
     * @description Public: no access token needed.
     */
    get: operations['health'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/health/live': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Liveness: the process runs (no dependency is checked)
     * @description For liveness probes: 200 as long as the process answers HTTP, even while Postgres or Redis is away or the process drains after SIGTERM, so an orchestrator never restarts it for an outage elsewhere.
     *
     *     Public: no access token needed.
     */
    get: operations['healthLive'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Readiness: Postgres and Redis reachable, and not shutting down
     * @description For readiness probes and load balancers: 503 `UNAVAILABLE` when Postgres or Redis is down (`details` says which), and from SIGTERM on while in-flight requests drain, so traffic moves elsewhere first.
     *
     *     Public: no access token needed.
     */
    get: operations['healthReady'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/attachments/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The bytes, streamed; honours Range (206) and If-None-Match (304); ETag is the SHA-256
     * @description Any signed-in user.
     */
    get: operations['downloadAttachment'];
    put?: never;
    post?: never;
    /**
     * Delete a file (the uploader within 15 minutes while it is not part of a comment, or an admin)
     * @description Any signed-in user.
     */
    delete: operations['deleteAttachment'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/audit-log': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Admin and security actions, newest first (admin)
     * @description Admins only; agents and requesters: 403. Recorded: logins and failed logins (the email tried, address and user agent; never the password), password changes and resets, refresh-token reuse, user creation, role changes, deactivation and reactivation, and every create, update and delete of categories, SLA policies, business hours, automations and webhooks (secret rotations too), ticket deletes and restores. An entry is written in the same transaction as its change: a change that failed or rolled back left none. `from` is inclusive, `to` exclusive. Entries older than AUDIT_RETENTION_DAYS (365 by default) are purged.
     *
     *     Roles: admin.
     */
    get: operations['listAuditLog'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Exchange email and password for tokens
     * @description Public: no access token needed.
     */
    post: operations['login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * End the login session of a refresh token
     * @description Its refresh tokens and the access tokens issued in it are refused (401) at once on every instance, and its WebSockets close with 4401. No access token needed; an unknown refresh token is ignored (204).
     *
     *     Public: no access token needed.
     */
    post: operations['logout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The caller
     * @description Any signed-in user.
     */
    get: operations['getMe'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/password-reset': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Email a single-use reset token (valid 1 h) if the account exists
     * @description Public: no access token needed.
     */
    post: operations['requestPasswordReset'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/password-reset/confirm': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Set a new password with a reset token; ends every session
     * @description Every login session of the user ends: refresh and access tokens (401) and WebSockets (4401).
     *
     *     Public: no access token needed.
     */
    post: operations['confirmPasswordReset'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Rotate a refresh token; presenting a rotated one revokes its whole login session
     * @description The new access token belongs to the same login session. Presenting a rotated refresh token ends the session: its access tokens are refused (401) and its WebSockets close (4401) on every instance.
     *
     *     Public: no access token needed.
     */
    post: operations['refresh'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/register': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Create a requester account
     * @description Public: no access token needed.
     */
    post: operations['register'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/verify-email': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Email a 6-digit code (valid 15 min) if the account exists
     * @description Public: no access token needed.
     */
    post: operations['requestEmailVerification'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/verify-email/confirm': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Confirm the code; 5 wrong codes invalidate it
     * @description Public: no access token needed.
     */
    post: operations['confirmEmailVerification'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/automations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * All automations, by id (not paginated)
     * @description Admins only; agents and requesters: 403.
     *
     *     Roles: admin.
     */
    get: operations['listAutomations'];
    put?: never;
    /**
     * Create an automation; you become its author
     * @description Admins only; agents and requesters: 403. Unknown fields, wrong types or out-of-range values are 400 `VALIDATION_FAILED`. 422 `UNPROCESSABLE`, naming the field, for a rule that cannot work: a status action that is `escalated` or that the status machine does not allow from every status of the conditions, an assignee who is not an active agent or admin, a category that does not exist, tags both added and removed, and a rule whose actions would leave a matching ticket still matching (it would loop). Nothing is stored then. The worker applies each active rule to matching tickets every sweep, once per ticket version, through the same code as an API change (events with a null actor and `data.automation_id`); a comment action is authored by the admin who last saved the rule.
     *
     *     Roles: admin.
     */
    post: operations['createAutomation'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/automations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * An automation
     * @description Admins only; agents and requesters: 403.
     *
     *     Roles: admin.
     */
    get: operations['getAutomation'];
    put?: never;
    post?: never;
    /**
     * Delete an automation (what it did to tickets stays)
     * @description Admins only; agents and requesters: 403.
     *
     *     Roles: admin.
     */
    delete: operations['deleteAutomation'];
    options?: never;
    head?: never;
    /**
     * Change an automation; you become its author
     * @description Admins only; agents and requesters: 403. Any subset of name, active, conditions, actions; conditions and actions replace the stored ones as a whole, and the resulting rule is checked as a whole. Unknown fields, wrong types or out-of-range values are 400 `VALIDATION_FAILED`. 422 `UNPROCESSABLE`, naming the field, for a rule that cannot work: a status action that is `escalated` or that the status machine does not allow from every status of the conditions, an assignee who is not an active agent or admin, a category that does not exist, tags both added and removed, and a rule whose actions would leave a matching ticket still matching (it would loop). Nothing is stored then. The worker applies each active rule to matching tickets every sweep, once per ticket version, through the same code as an API change (events with a null actor and `data.automation_id`); a comment action is authored by the admin who last saved the rule.
     *
     *     Roles: admin.
     */
    patch: operations['updateAutomation'];
    trace?: never;
  };
  '/api/v1/business-hours': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The desk's business hours (agent, admin)
     * @description What SLA policies with `calendar: "business_hours"` count in. Until set: 24/7 in UTC.
     *
     *     Roles: agent, admin.
     */
    get: operations['getBusinessHours'];
    /**
     * Set the desk's business hours (admin)
     * @description Replaces the whole calendar; answers the stored value. Applies to due dates computed from now on (new tickets, priority changes, the end of a pause); due dates already set stay. An unknown zone, a bad or overlapping interval, more than 4 intervals a day, a week without any open time, or a holiday that is not a real `YYYY-MM-DD` date (or a duplicate) → 400 naming the field (`timezone`, `week.mon[0]`, `week`, `holidays[2]`), and nothing is stored.
     *
     *     Roles: admin.
     */
    put: operations['setBusinessHours'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/categories': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * All categories, by name (any role; not paginated)
     * @description Any signed-in user.
     */
    get: operations['listCategories'];
    put?: never;
    /**
     * Create a category (admin); a name taken in any letter case is 409 CONFLICT
     * @description Roles: admin.
     */
    post: operations['createCategory'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/categories/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A category (any role)
     * @description Any signed-in user.
     */
    get: operations['getCategory'];
    put?: never;
    post?: never;
    /**
     * Delete a category (admin); its tickets stay, with no category
     * @description Roles: admin.
     */
    delete: operations['deleteCategory'];
    options?: never;
    head?: never;
    /**
     * Change name, description, color or auto-assignment (admin); a name taken in any letter case is 409 CONFLICT; `agent_ids` naming a user who is not an agent or admin, or round_robin/least_open with no agents, is 422
     * @description Roles: admin.
     */
    patch: operations['updateCategory'];
    trace?: never;
  };
  '/api/v1/filters': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Saved ticket filters you may use, by name
     * @description Your own filters and everyone's public ones (agent, admin); another's private filter is 404. Apply one with `GET /tickets?filter_id=`.
     *
     *     Roles: agent, admin.
     */
    get: operations['listFilters'];
    put?: never;
    /**
     * Save a ticket filter; you are its owner
     * @description `filter_params` are validated exactly like the `GET /tickets` query: a filter that would be a 400 there cannot be stored. Private unless `is_public` is true.
     *
     *     Roles: agent, admin.
     */
    post: operations['createFilter'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/filters/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A saved ticket filter
     * @description Your own filters and everyone's public ones (agent, admin); another's private filter is 404.
     *
     *     Roles: agent, admin.
     */
    get: operations['getFilter'];
    put?: never;
    post?: never;
    /**
     * Delete a saved ticket filter
     * @description The owner, or an admin when the filter is public; a filter you may see but not change is 403.
     *
     *     Roles: agent, admin.
     */
    delete: operations['deleteFilter'];
    options?: never;
    head?: never;
    /**
     * Change a saved ticket filter
     * @description The owner, or an admin when the filter is public; a filter you may see but not change is 403.
     *
     *     Roles: agent, admin.
     */
    patch: operations['updateFilter'];
    trace?: never;
  };
  '/api/v1/inbound/email': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Receive one raw email (RFC 5322) from an MTA pipe or a mail provider
     * @description The same processing as the built-in SMTP listener: a new ticket, a comment on the thread it answers, a duplicate (its Message-ID was seen, by either path) or ignored (loops, bounces, bulk mail, floods). Signed: `X-Inbound-Signature: sha256=<hex HMAC-SHA256 of the body with INBOUND_SECRET>`; a bad or missing signature is 401. Off (404) while INBOUND_SECRET is unset. A body over INBOUND_MAX_BYTES is 413; a body that stops arriving for UPLOAD_IDLE_TIMEOUT_SECONDS is 408; a message without a usable From is 422.
     *
     *     Public: no access token needed.
     */
    post: operations['ingestEmail'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports/stats': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The desk right now: tickets by status, priority and category, overdue, average times (agent, admin)
     * @description All-time counts over live tickets. `overdue_tickets`: not resolved or closed and past resolution_due_at (by the SLA clock, which stands still while pending). Averages are wall-clock hours from created_at, over the tickets that have the timestamp, rounded to 2 decimals, null when no ticket has it. "Today" is the UTC day. Soft-deleted tickets are never counted. The numbers are computed at most once per REPORTS_STATS_CACHE_SECONDS (10 s by default) and served from memory meanwhile (for up to a minute more while a refresh runs): `as_of` says when they were computed, `Age` how many seconds ago, and `Cache-Control: private, max-age=N` how long they stay fresh counted from `as_of` (N is the cache TTL, so they expire after N − Age more seconds; 0 once stale).
     *
     *     Roles: agent, admin.
     */
    get: operations['getReportStats'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports/summary': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Tickets opened, resolved, escalated and breached in the last N days (agent, admin)
     * @description The period is the last `days` UTC calendar days, today included, up to now: with `days=1`, since 00:00 UTC today (so it matches the sum of the same days of `/reports/timeseries`). `tickets_opened`: created in the period. `tickets_resolved`: resolved_at in the period (resolved or closed then, and not reopened since). `tickets_escalated`: escalated by the SLA worker in the period (its latest escalation, `escalated_at`, is in it; a ticket escalated twice counts once). `tickets_breached`: tickets whose first-response or resolution target fell due in the period (at or after its start, before now) and was missed, each ticket once. A ticket breached a target when it missed it by the SLA rules (API.md → SLA): first response when coalesce(first_responded_at, resolved_at, clock) > first_response_due_at, resolution when coalesce(resolved_at, clock) > resolution_due_at, where the clock is now, or the moment the ticket entered `pending` while it is pending. Soft-deleted tickets are never counted.
     *
     *     Roles: agent, admin.
     */
    get: operations['getReportSummary'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports/timeseries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Opened, resolved and breached tickets per UTC day (agent, admin)
     * @description Exactly `days` rows, one per UTC day, oldest first, the last one today; days without tickets are zeros. `opened`: created that day. `resolved`: resolved_at that day. `breached`: tickets with a target that fell due that day (up to now) and was missed; a ticket that missed both targets on different days counts on both, so the sum can exceed the summary's tickets_breached. A ticket breached a target when it missed it by the SLA rules (API.md → SLA): first response when coalesce(first_responded_at, resolved_at, clock) > first_response_due_at, resolution when coalesce(resolved_at, clock) > resolution_due_at, where the clock is now, or the moment the ticket entered `pending` while it is pending. Soft-deleted tickets are never counted.
     *
     *     Roles: agent, admin.
     */
    get: operations['getReportTimeseries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sla-policies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The SLA targets of each priority, low to urgent (agent, admin)
     * @description Roles: agent, admin.
     */
    get: operations['listSlaPolicies'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sla-policies/{priority}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /**
     * Set a priority's SLA targets (admin)
     * @description Applies to tickets created after the change (and to tickets whose priority changes after it): existing tickets keep the due dates they were given. `calendar` (`24x7` or `business_hours`: the minutes count only inside GET /business-hours) and `warn_before_minutes` (0 = no warning) are optional: left out, they keep their current value. A new warning window applies at the next SLA sweep, to existing tickets too. An unknown priority is 404.
     *
     *     Roles: admin.
     */
    put: operations['updateSlaPolicy'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tags': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Tags in use, most used first (agent, admin)
     * @description Each tag with the number of tickets carrying it, soft-deleted tickets not counted. Ordered by count (descending), ties by name; tags on no ticket are left out. Not paginated: capped at the 200 most used tags.
     *
     *     Roles: agent, admin.
     */
    get: operations['listTags'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/templates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Response templates you may use, by title
     * @description Agents: their own and the public ones; admins: all. Requesters: 403. Ordered by title (case-insensitive), ties by id.
     *
     *     Roles: agent, admin.
     */
    get: operations['listTemplates'];
    put?: never;
    /**
     * Create a response template; you are its owner
     * @description Private unless `is_public` is true. `variables` is derived from the content.
     *
     *     Roles: agent, admin.
     */
    post: operations['createTemplate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/templates/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A response template
     * @description Agents: their own and the public ones; admins: all. Requesters: 403.
     *
     *     Roles: agent, admin.
     */
    get: operations['getTemplate'];
    put?: never;
    post?: never;
    /**
     * Delete a response template
     * @description Only the owner or an admin; a template you may see but not change is 403, one you may not see is 404.
     *
     *     Roles: agent, admin.
     */
    delete: operations['deleteTemplate'];
    options?: never;
    head?: never;
    /**
     * Change a response template
     * @description Only the owner or an admin; a template you may see but not change is 403, one you may not see is 404.
     *
     *     Roles: agent, admin.
     */
    patch: operations['updateTemplate'];
    trace?: never;
  };
  '/api/v1/templates/{id}/render': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Fill in the placeholders of a template you may see
     * @description One pass of plain string substitution: each `{name}` becomes `context[name]` as it is (a number in its shortest form, 1.50 → 1.5), never evaluated and never expanded again (a value containing `{x}` stays `{x}`). Nothing is escaped: clients escape `processed_content` for where they display it (HTML, Markdown). Any placeholder without a value is 422 UNPROCESSABLE with `details.missing: [names]`; a value that is not a string or number is 400. Unused context names are ignored. A result over 100,000 characters is 422.
     *
     *     Roles: agent, admin.
     */
    post: operations['renderTemplate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tickets': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Tickets the caller may see (requesters: their own), filtered
     * @description Any signed-in user.
     */
    get: operations['listTickets'];
    put?: never;
    /**
     * Open a ticket (the caller is its requester)
     * @description Any signed-in user.
     */
    post: operations['createTicket'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tickets/bulk': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Set one status on up to 100 tickets (agents: their own); all or nothing, 422 lists the offenders
     * @description Roles: agent, admin.
     */
    post: operations['bulkUpdateTickets'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tickets/claim': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Take the oldest unassigned open or escalated tickets (FIFO); concurrent claimers never share one
     * @description Roles: agent, admin.
     */
    post: operations['claimTickets'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tickets/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A ticket with its latest 100 timeline events; sends an ETag
     * @description Any signed-in user.
     */
    get: operations['getTicket'];
    put?: never;
    post?: never;
    /**
     * Soft delete (admin): hidden everywhere, kept in the database
     * @description Roles: admin.
     */
    delete: operations['deleteTicket'];
    options?: never;
    head?: never;
    /**
     * Change a ticket; `version` is required (stale → 409), `If-Match` honoured (stale → 412)
     * @description Any signed-in user.
     */
    patch: operations['updateTicket'];
    trace?: never;
  };
  '/api/v1/tickets/{id}/assign': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Assign or unassign (agents: themselves only); no version needed
     * @description Any signed-in user.
     */
    post: operations['assignTicket'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tickets/{id}/attachments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The ticket's files the caller may see, oldest first
     * @description Any signed-in user.
     */
    get: operations['listAttachments'];
    put?: never;
    /**
     * Attach files (multipart, up to 10 `file` parts); whoever may comment on the ticket may upload
     * @description Streamed to storage as it arrives. A file over ATTACHMENT_MAX_BYTES is 413 and nothing of the request is stored; more than 10 files, an empty file or a part without a filename is 400. `content_type` is read from the bytes. Requesters may not send `is_internal: true` (403).
     *
     *     Any signed-in user.
     */
    post: operations['uploadAttachments'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tickets/{id}/comments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The thread, oldest first (requesters never see internal notes)
     * @description Any signed-in user.
     */
    get: operations['listComments'];
    put?: never;
    /**
     * Reply or add an internal note; the first public staff reply sets first_responded_at
     * @description Any signed-in user.
     */
    post: operations['createComment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tickets/{id}/comments/{cid}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Soft delete (admin, or the author within 15 minutes)
     * @description Any signed-in user.
     */
    delete: operations['deleteComment'];
    options?: never;
    head?: never;
    /**
     * Edit your own comment (sets edited_at)
     * @description Any signed-in user.
     */
    patch: operations['updateComment'];
    trace?: never;
  };
  '/api/v1/tickets/{id}/restore': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Undo a soft delete (admin)
     * @description Roles: admin.
     */
    post: operations['restoreTicket'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/tickets/{id}/timeline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The timeline, oldest first
     * @description Any signed-in user.
     */
    get: operations['listTicketTimeline'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List users (agent, admin)
     * @description Roles: agent, admin.
     */
    get: operations['listUsers'];
    put?: never;
    /**
     * Create a user with any role (admin)
     * @description Roles: admin.
     */
    post: operations['createUser'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A user (admin, agent, or yourself; others are 404 to requesters)
     * @description Any signed-in user.
     */
    get: operations['getUser'];
    put?: never;
    post?: never;
    /**
     * Deactivate (never delete) a user and revoke their sessions
     * @description Roles: admin.
     */
    delete: operations['deactivateUser'];
    options?: never;
    head?: never;
    /**
     * Admin: name, role, is_active of others. Self: name, or password with current_password
     * @description Any signed-in user.
     */
    patch: operations['updateUser'];
    trace?: never;
  };
  '/api/v1/webhooks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Registered webhooks, newest first
     * @description Admins only; agents and requesters: 403. Ordered by id, descending. Secrets are never shown.
     *
     *     Roles: admin.
     */
    get: operations['listWebhooks'];
    put?: never;
    /**
     * Register a webhook; its signing secret is in this answer only
     * @description Admins only; agents and requesters: 403. The URL is checked as at creation (400 `VALIDATION_FAILED` with `details.url`): http(s), no credentials, at most 2000 characters, a host that resolves to public addresses only unless `WEBHOOK_ALLOW_PRIVATE_TARGETS=true`. Delivery checks the address again before every attempt. Deliveries follow the Standard Webhooks specification (headers `webhook-id`, `webhook-timestamp`, `webhook-signature`). Not idempotent by `Idempotency-Key`: a replayed answer would have to keep the secret in the clear.
     *
     *     Roles: admin.
     */
    post: operations['createWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A webhook (without its secret)
     * @description Admins only; agents and requesters: 403.
     *
     *     Roles: admin.
     */
    get: operations['getWebhook'];
    put?: never;
    post?: never;
    /**
     * Delete a webhook and its delivery log
     * @description Admins only; agents and requesters: 403. Pending deliveries to it are dropped.
     *
     *     Roles: admin.
     */
    delete: operations['deleteWebhook'];
    options?: never;
    head?: never;
    /**
     * Change a webhook
     * @description Admins only; agents and requesters: 403. Any subset of the fields. The URL is checked as at creation (400 `VALIDATION_FAILED` with `details.url`): http(s), no credentials, at most 2000 characters, a host that resolves to public addresses only unless `WEBHOOK_ALLOW_PRIVATE_TARGETS=true`. Delivery checks the address again before every attempt.
     *
     *     Roles: admin.
     */
    patch: operations['updateWebhook'];
    trace?: never;
  };
  '/api/v1/webhooks/{id}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A webhook's delivery log, newest first
     * @description Admins only; agents and requesters: 403. One entry per message sent to this hook; `message_id` is the `webhook-id` header. `next_attempt_at` is null once a delivery is settled (`delivered` or `failed`).
     *
     *     Roles: admin.
     */
    get: operations['listWebhookDeliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Send one delivery again, with the same `webhook-id`
     * @description Admins only; agents and requesters: 403. Whatever its status (a delivered one too). Answers the delivery as it stands once queued. Another webhook's delivery id is 404.
     *
     *     Roles: admin.
     */
    post: operations['redeliverWebhookDelivery'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/{id}/ping': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Queue a `webhook.ping` to this webhook alone
     * @description Admins only; agents and requesters: 403. Whatever it subscribes to. Its delivery shows in the delivery log like any other.
     *
     *     Roles: admin.
     */
    post: operations['pingWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/{id}/rotate-secret': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Replace the signing secret; the new one is in this answer only
     * @description Admins only; agents and requesters: 403. The old secret stops at once: every attempt from now on, retries of earlier messages included, is signed with the new one.
     *
     *     Roles: admin.
     */
    post: operations['rotateWebhookSecret'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    ActorJson: {
      id: number;
      name: string;
    };
    AssignTicketDto: {
      /** @description null unassigns */
      assignee_id: number | null;
    };
    AttachmentJson: {
      /** @description the comment it belongs to, if any */
      comment_id: number | null;
      /**
       * @description from the bytes, never from the client alone
       * @example image/png
       */
      content_type: string;
      /** Format: date-time */
      created_at: string;
      /** @description cleaned: no directory part, no control characters, at most 255 bytes */
      filename: string;
      id: number;
      is_internal: boolean;
      /** @description hex SHA-256 of the bytes (also the download ETag) */
      sha256: string;
      /** @description bytes */
      size: number;
      ticket_id: number;
      uploaded_by: components['schemas']['AttachmentUploaderJson'];
      /**
       * @description the download path
       * @example /api/v1/attachments/1
       */
      url: string;
    };
    AttachmentListJson: {
      items: components['schemas']['AttachmentJson'][];
    };
    AttachmentUploaderJson: {
      id: number;
      name: string;
    };
    /** @enum {string} */
    AuditAction:
      | 'auth.login'
      | 'auth.login_failed'
      | 'auth.password_reset'
      | 'auth.refresh_token_reused'
      | 'user.created'
      | 'user.role_changed'
      | 'user.deactivated'
      | 'user.reactivated'
      | 'user.password_changed'
      | 'category.created'
      | 'category.updated'
      | 'category.deleted'
      | 'sla_policy.updated'
      | 'business_hours.updated'
      | 'automation.created'
      | 'automation.updated'
      | 'automation.deleted'
      | 'webhook.created'
      | 'webhook.updated'
      | 'webhook.deleted'
      | 'webhook.secret_rotated'
      | 'ticket.deleted'
      | 'ticket.restored';
    AuditEntryJson: {
      /** @example user.role_changed */
      action: components['schemas']['AuditAction'];
      /** @description the actor's current email */
      actor_email: string | null;
      /** @description who acted; null for a failed login, refresh-token reuse and the desk itself */
      actor_id: number | null;
      /**
       * @description the client's address (behind TRUST_PROXY_HOPS proxies); null outside a request
       * @example 203.0.113.7
       */
      actor_ip: string | null;
      /**
       * Format: date-time
       * @description when the change was made (its transaction began)
       */
      at: string;
      /**
       * @description what changed: before/after of non-secret fields (`changes: {field: {from, to}}`), or what was created or deleted. Never a password, hash, token or webhook secret; webhook URLs only as their origin. At most 4 KB.
       * @example {
       *       "from": "agent",
       *       "to": "admin"
       *     }
       */
      details: {
        [key: string]: unknown;
      };
      /** @example 1042 */
      id: number;
      /** @description the `X-Request-Id` of the request that did it */
      request_id: string | null;
      /** @description the target's id; null for business hours and SLA policies (`details.priority`) */
      target_id: number | null;
      /**
       * @description what the entry is about: user, category, sla_policy, business_hours, automation, webhook, ticket; null when nothing in particular
       * @example user
       */
      target_type: string | null;
    };
    /** @enum {string} */
    AuditTargetType: 'user' | 'category' | 'sla_policy' | 'business_hours' | 'automation' | 'webhook' | 'ticket';
    AutomationActionsDto: {
      /**
       * @description tags to add; at most 10 tags, each 1..50 chars, compared lower-case
       * @example [
       *       "vip"
       *     ]
       */
      add_tags?: string[];
      /**
       * @description an active agent or admin (else 422); null unassigns
       * @example 7
       */
      assignee_id?: number | null;
      /** @description a comment (or internal note) authored by the admin who last saved the rule */
      comment?: components['schemas']['AutomationCommentDto'];
      /**
       * @example high
       * @enum {string}
       */
      priority?: 'low' | 'medium' | 'high' | 'urgent';
      /**
       * @description tags to remove; at most 10 tags, each 1..50 chars, compared lower-case
       * @example [
       *       "vip"
       *     ]
       */
      remove_tags?: string[];
      /**
       * @description not `escalated`; must be reachable by the status machine from every status of the conditions (else 422)
       * @example closed
       * @enum {string}
       */
      status?: 'open' | 'in_progress' | 'pending' | 'escalated' | 'resolved' | 'closed';
    };
    AutomationCommentDto: {
      /** @example Closing this ticket: it was resolved three days ago. */
      body: string;
      /**
       * @description an internal note (requesters never see it)
       * @default false
       */
      is_internal: boolean;
    };
    AutomationConditionsDto: {
      /**
       * @description the ticket is in one of these categories (each must exist)
       * @example [
       *       1
       *     ]
       */
      category_id?: number[];
      /**
       * @description at least this long since the status last changed; hours, 0..87600; fractions allowed (0.01 is 36 s)
       * @example 72
       */
      hours_in_status?: number;
      /**
       * @description at least this long since the ticket was last updated (updated_at); hours, 0..87600; fractions allowed (0.01 is 36 s)
       * @example 72
       */
      hours_since_update?: number;
      /**
       * @description the ticket has one of these priorities
       * @example [
       *       "high",
       *       "urgent"
       *     ]
       */
      priority?: ('low' | 'medium' | 'high' | 'urgent')[];
      /**
       * @description the ticket is in one of these statuses
       * @example [
       *       "resolved"
       *     ]
       */
      status: ('open' | 'in_progress' | 'pending' | 'escalated' | 'resolved' | 'closed')[];
      /**
       * @description the ticket carries every one of these; at most 10 tags, each 1..50 chars, compared lower-case
       * @example [
       *       "vip"
       *     ]
       */
      tags_all?: string[];
      /**
       * @description the ticket carries none of these; at most 10 tags, each 1..50 chars, compared lower-case
       * @example [
       *       "vip"
       *     ]
       */
      tags_none?: string[];
    };
    AutomationJson: {
      /**
       * @description as stored: tags lower-cased, de-duplicated and sorted; a comment with its is_internal
       * @example {
       *       "status": "closed"
       *     }
       */
      actions: components['schemas']['AutomationActionsDto'];
      active: boolean;
      /**
       * @description as stored: tags lower-cased, de-duplicated and sorted; empty tag lists left out
       * @example {
       *       "hours_in_status": 72,
       *       "status": [
       *         "resolved"
       *       ]
       *     }
       */
      conditions: components['schemas']['AutomationConditionsDto'];
      /** Format: date-time */
      created_at: string;
      id: number;
      /** @example Close resolved tickets after 72 h */
      name: string;
      /** Format: date-time */
      updated_at: string;
    };
    AutomationListJson: {
      /** @description ordered by id */
      items: components['schemas']['AutomationJson'][];
    };
    BulkUpdateDto: {
      ids: number[];
      /** @enum {string} */
      status: 'open' | 'in_progress' | 'pending' | 'escalated' | 'resolved' | 'closed';
    };
    BusinessHoursDto: {
      /**
       * @description Local dates (`YYYY-MM-DD`, no duplicates) on which the desk is closed all day
       * @example [
       *       "2026-12-24",
       *       "2026-12-25",
       *       "2026-12-26"
       *     ]
       */
      holidays: string[];
      /**
       * @description An IANA time zone
       * @example Europe/Berlin
       */
      timezone: string;
      /** @description The open hours of each weekday; at least one must be open */
      week: components['schemas']['WeekHoursDto'];
    };
    /**
     * @description how a new ticket of the category gets its assignee (agents and admins only)
     * @enum {string}
     */
    CategoryAssignment: 'none' | 'round_robin' | 'least_open';
    CategoryJson: {
      /** @description the agents auto-assignment picks from, by id ascending (agents and admins only) */
      agent_ids?: number[];
      /** @description how a new ticket of the category gets its assignee (agents and admins only) */
      assignment?: components['schemas']['CategoryAssignment'];
      /**
       * @description lower-case `#rrggbb`
       * @example #007bff
       */
      color: string;
      /** @example Invoices, refunds and payment methods */
      description: string;
      id: number;
      /** @example Billing */
      name: string;
    };
    CategoryListJson: {
      /** @description ordered by name (case-insensitive) */
      items: components['schemas']['CategoryJson'][];
    };
    CategoryRefJson: {
      /** @example #007bff */
      color: string;
      id: number;
      name: string;
    };
    ClaimTicketsDto: {
      /** @default 15 */
      limit: number;
    };
    CommentAuthorJson: {
      id: number;
      name: string;
      /** @enum {string} */
      role: 'user' | 'agent' | 'admin';
    };
    CommentJson: {
      /** @description its files, oldest first (none once deleted) */
      attachments: components['schemas']['AttachmentJson'][];
      author: components['schemas']['CommentAuthorJson'];
      /** @description empty once deleted */
      body: string;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      deleted_at: string | null;
      /** Format: date-time */
      edited_at: string | null;
      id: number;
      is_internal: boolean;
      parent_id: number | null;
      /** @description where it was written: `web` (the console), `email` (a reply by email), `api` (any other client) */
      source: components['schemas']['MessageSource'];
      ticket_id: number;
    };
    CreateAutomationDto: {
      /**
       * @example {
       *       "status": "closed"
       *     }
       */
      actions: components['schemas']['AutomationActionsDto'];
      /** @default true */
      active: boolean;
      /**
       * @example {
       *       "hours_in_status": 72,
       *       "status": [
       *         "resolved"
       *       ]
       *     }
       */
      conditions: components['schemas']['AutomationConditionsDto'];
      /**
       * @description trimmed
       * @example Close resolved tickets after 72 h
       */
      name: string;
    };
    CreateCategoryDto: {
      /** @description agents and admins new tickets of the category may be assigned to (inactive ones are listed but skipped); replaces the list */
      agent_ids?: number[];
      /**
       * @description how a new ticket of the category gets its assignee: `round_robin` over the active listed agents by id, `least_open` to the one with the fewest unresolved tickets (ties by id); both need agents
       * @enum {unknown}
       */
      assignment?: 'none' | 'round_robin' | 'least_open';
      /**
       * @description `#rrggbb`, stored lower-case
       * @default #6c757d
       * @example #007bff
       */
      color: string;
      /** @default  */
      description: string;
      /** @description trimmed; unique, case-insensitively */
      name: string;
    };
    CreateCommentDto: {
      /** @description your own uploads on this ticket that are not part of a comment yet, with the same is_internal as the comment */
      attachment_ids?: number[];
      body: string;
      /**
       * @description an internal note (agents and admins only)
       * @default false
       */
      is_internal: boolean;
      /** @description a comment of the same ticket */
      parent_id?: number | null;
    };
    CreateFilterDto: {
      /**
       * @description `GET /tickets` query parameters, validated exactly like that query (a bad one is 400 with `details["filter_params.<name>"]`) and stored in their query-string form: strings (`"open,pending"`); numbers and booleans are accepted and stored as strings. limit, offset, filter_id cannot be saved. `assignee_id: "me"` means whoever applies the filter.
       * @example {
       *       "assignee_id": "me",
       *       "priority": "high,urgent",
       *       "status": "open,pending"
       *     }
       */
      filter_params: {
        [key: string]: string | number | boolean;
      };
      /**
       * @description visible to every agent when true
       * @default false
       */
      is_public: boolean;
      /** @description trimmed */
      name: string;
    };
    CreateTemplateDto: {
      /** @description a free-text label (trimmed), not a ticket category */
      category?: string | null;
      /** @description `{name}` placeholders (name: a letter or `_`, then letters, digits, `_` or `.`) are filled by POST /:id/render */
      content: string;
      /**
       * @description visible to every agent when true
       * @default false
       */
      is_public: boolean;
      /** @description trimmed */
      title: string;
    };
    CreateTicketDto: {
      category_id?: number | null;
      description: string;
      /**
       * @default medium
       * @enum {string}
       */
      priority: 'low' | 'medium' | 'high' | 'urgent';
      /** @description each 1..50 chars, stored lower-case */
      tags?: string[];
      title: string;
    };
    CreateUserDto: {
      /**
       * Format: email
       * @example jane@example.com
       */
      email: string;
      name: string;
      password: string;
      /** @enum {string} */
      role: 'user' | 'agent' | 'admin';
    };
    CreateWebhookDto: {
      /** @default true */
      active: boolean;
      /** @example Alerts to #support */
      description?: string | null;
      /**
       * @description The event types to receive, or exactly `["*"]` for all (also those added later). Duplicates are dropped.
       * @example [
       *       "ticket.created",
       *       "comment.created"
       *     ]
       */
      events: (
        | 'ticket.created'
        | 'ticket.updated'
        | 'ticket.assigned'
        | 'ticket.status_changed'
        | 'ticket.deleted'
        | 'ticket.restored'
        | 'comment.created'
        | 'attachment.added'
        | 'sla.warning'
        | 'sla.breached'
        | 'ticket.escalated'
        | '*'
      )[];
      /**
       * @description also send internal comments and their attachments
       * @default false
       */
      include_internal: boolean;
      /**
       * Format: uri
       * @description http(s) only, no credentials, at most 2000 characters. Its host must resolve, and only to public addresses (no loopback, private, link-local or cloud-metadata ones) unless the server runs with `WEBHOOK_ALLOW_PRIVATE_TARGETS=true`; otherwise 400 with `details.url`. Stored and shown normalized (`HTTPS://Example.com` → `https://example.com/`).
       * @example https://hooks.example.com/helpdesk
       */
      url: string;
    };
    EmailField: {
      /**
       * Format: email
       * @example jane@example.com
       */
      email: string;
    };
    /**
     * @description Every error has this shape and nothing else.
     * @example {
     *       "error": {
     *         "code": "VALIDATION_FAILED",
     *         "details": {
     *           "title": [
     *             "must be shorter than or equal to 200 characters"
     *           ]
     *         },
     *         "message": "title must be shorter than or equal to 200 characters",
     *         "request_id": "7b0a5f0e-3c1d-4e7a-9d52-0c6f1b2a9e41"
     *       }
     *     }
     */
    Error: {
      error: {
        /**
         * @description stable; see the table in the API description (`VERSION_CONFLICT`: VersionConflictError)
         * @enum {string}
         */
        code:
          | 'VALIDATION_FAILED'
          | 'UNAUTHENTICATED'
          | 'FORBIDDEN'
          | 'NOT_FOUND'
          | 'METHOD_NOT_ALLOWED'
          | 'REQUEST_TIMEOUT'
          | 'IDEMPOTENCY_IN_PROGRESS'
          | 'CONFLICT'
          | 'PRECONDITION_FAILED'
          | 'PAYLOAD_TOO_LARGE'
          | 'RANGE_NOT_SATISFIABLE'
          | 'UNSUPPORTED_MEDIA_TYPE'
          | 'HEADERS_TOO_LARGE'
          | 'IDEMPOTENCY_KEY_REUSED'
          | 'INVALID_TRANSITION'
          | 'UNPROCESSABLE'
          | 'RATE_LIMIT'
          | 'INTERNAL'
          | 'UNAVAILABLE';
        /** @description what went wrong where, e.g. `{"title": ["must not be empty"]}`; at most 100 entries besides `_truncated` (how many more) */
        details: {
          [key: string]: unknown;
        };
        /** @description for people, not for programs (it may change) */
        message: string;
        /** @description the `X-Request-Id` of the answer */
        request_id: string;
      };
    };
    FilterJson: {
      /**
       * @description `GET /tickets` query parameters, in their query-string form
       * @example {
       *       "assignee_id": "me",
       *       "priority": "urgent",
       *       "status": "open,in_progress"
       *     }
       */
      filter_params: {
        [key: string]: string;
      };
      id: number;
      is_public: boolean;
      /** @example My urgent work */
      name: string;
      owner: components['schemas']['OwnerJson'];
    };
    InboundEmailResultJson: {
      /** @description the comment created (`appended` only) */
      comment_id: number | null;
      /**
       * @description `created`: a new ticket; `appended`: a comment on an existing one; `duplicate`: this Message-ID was processed before (nothing new); `ignored`: an auto-reply, bounce, list mail, one of our own messages, or over the per-sender limit (nothing stored)
       * @enum {string}
       */
      status: 'created' | 'appended' | 'duplicate' | 'ignored';
      /** @description the ticket created or appended to (for a duplicate: by the first copy) */
      ticket_id: number | null;
    };
    LoginDto: {
      /**
       * Format: email
       * @example jane@example.com
       */
      email: string;
      password: string;
    };
    /**
     * @description where it was opened: `web` (the console), `email` (the email channel), `api` (any other client)
     * @enum {string}
     */
    MessageSource: 'web' | 'email' | 'api';
    MetaDto: {
      /** @example 3f2c1e0 */
      commit: string;
      /** @example helpdesk */
      name: string;
      /** @example v20.20.2 */
      node: string;
      /** Format: date-time */
      started_at: string;
      /** @example 42 */
      uptime_s: number;
      /** @example 0.1.0 */
      version: string;
    };
    OwnerJson: {
      id: number;
      name: string;
    };
    PasswordResetConfirmDto: {
      password: string;
      /** @description The token from the email */
      token: string;
    };
    PriorityCountsJson: {
      high: number;
      low: number;
      medium: number;
      urgent: number;
    };
    RefreshTokenDto: {
      refresh_token: string;
    };
    RegisterDto: {
      /**
       * Format: email
       * @example jane@example.com
       */
      email: string;
      name: string;
      password: string;
      /** @description Only "user" is accepted; anything else is 403 */
      role?: string;
    };
    RenderTemplateDto: {
      /**
       * @description placeholder name → value, flat (`{ticket.id}` reads the key "ticket.id"); names the content does not use are ignored
       * @default {}
       * @example {
       *       "customer_name": "Ann",
       *       "ticket.id": 42
       *     }
       */
      context: {
        [key: string]: string | number;
      };
    };
    RenderedTemplateJson: {
      /** @description the template content as stored */
      original_content: string;
      /**
       * @description the content with every placeholder replaced by its value, verbatim: not HTML-escaped
       * @example Hi Ann, follow the link we sent about ticket #42.
       */
      processed_content: string;
      /** @description the distinct `{name}` placeholders of the content, sorted */
      variables: string[];
    };
    ReportStatsJson: {
      /**
       * Format: date-time
       * @description when these numbers were computed: they are cached for REPORTS_STATS_CACHE_SECONDS (10 s by default), so they may trail the ticket list by that much (the `Age` header says by how many seconds)
       * @example 2026-12-04T21:07:03.512Z
       */
      as_of: string;
      /**
       * @description mean of first_responded_at − created_at in hours, over tickets that have first_responded_at; 2 decimals; null when there are none
       * @example 1.25
       */
      avg_first_response_hours: number | null;
      /**
       * @description mean of resolved_at − created_at in hours (wall-clock, pending time included), over tickets that have resolved_at; 2 decimals; null when there are none
       * @example 20.5
       */
      avg_resolution_hours: number | null;
      closed_tickets: number;
      escalated_tickets: number;
      in_progress_tickets: number;
      open_tickets: number;
      /** @description not resolved or closed, and past resolution_due_at by the SLA clock (which stands still while pending): the tickets whose resolution target is missed and still open */
      overdue_tickets: number;
      pending_tickets: number;
      resolved_tickets: number;
      /**
       * @description Every category by name (0 when it has no tickets), ordered by name, then "uncategorized" for tickets without one. A category literally named "uncategorized" shares that key (the counts are added).
       * @example {
       *       "Billing": 12,
       *       "Hardware": 3,
       *       "uncategorized": 4
       *     }
       */
      tickets_by_category: {
        [key: string]: number;
      };
      tickets_by_priority: components['schemas']['PriorityCountsJson'];
      /** @description created since 00:00 UTC today */
      tickets_created_today: number;
      /** @description resolved_at since 00:00 UTC today */
      tickets_resolved_today: number;
      total_tickets: number;
    };
    ReportSummaryJson: {
      /** @example 7 */
      days: number;
      /** @description tickets with an SLA target (first response or resolution) that fell due in the period and was missed (each ticket once) */
      tickets_breached: number;
      /** @description tickets escalated in the period (a ticket escalated twice counts once) */
      tickets_escalated: number;
      /** @description tickets created in the period */
      tickets_opened: number;
      /** @description tickets whose resolved_at is in the period (resolved or closed, not reopened since) */
      tickets_resolved: number;
    };
    SlaPolicyJson: {
      /**
       * @description what the minutes count
       * @example 24x7
       * @enum {string}
       */
      calendar: '24x7' | 'business_hours';
      /** @example 60 */
      first_response_minutes: number;
      /** @enum {string} */
      priority: 'low' | 'medium' | 'high' | 'urgent';
      /** @example 240 */
      resolution_minutes: number;
      /**
       * @description minutes before a due time at which the desk is warned; 0 = never
       * @example 0
       */
      warn_before_minutes: number;
    };
    SlaPolicyListJson: {
      /** @description low, medium, high, urgent */
      items: components['schemas']['SlaPolicyJson'][];
    };
    TagCountJson: {
      count: number;
      /** @example login */
      name: string;
    };
    TagListJson: {
      items: components['schemas']['TagCountJson'][];
    };
    TemplateJson: {
      /**
       * @description a free-text label
       * @example Accounts
       */
      category: string | null;
      /** @example Hi {customer_name}, follow the link we sent about ticket #{ticket.id}. */
      content: string;
      id: number;
      is_public: boolean;
      owner: components['schemas']['OwnerJson'];
      /** @example Password reset instructions */
      title: string;
      /**
       * @description the distinct `{name}` placeholders of the content, sorted
       * @example [
       *       "customer_name",
       *       "ticket.id"
       *     ]
       */
      variables: string[];
    };
    TicketEventJson: {
      /** @description null for the escalation worker */
      actor: components['schemas']['ActorJson'] | null;
      /** Format: date-time */
      created_at: string;
      data: {
        [key: string]: unknown;
      };
      id: number;
      /**
       * @example status.changed
       * @enum {string}
       */
      type:
        | 'ticket.created'
        | 'ticket.updated'
        | 'status.changed'
        | 'priority.changed'
        | 'assignee.changed'
        | 'comment.created'
        | 'comment.deleted'
        | 'sla.warning'
        | 'sla.breached'
        | 'ticket.escalated'
        | 'ticket.deleted'
        | 'ticket.restored'
        | 'attachment.added'
        | 'attachment.deleted'
        | 'email.received'
        | 'email.sent';
    };
    TicketJson: {
      assignee: components['schemas']['UserRefJson'] | null;
      category: components['schemas']['CategoryRefJson'] | null;
      /** Format: date-time */
      closed_at: string | null;
      /** @description requesters count public comments only */
      comment_count: number;
      /** Format: date-time */
      created_at: string;
      description: string;
      /** Format: date-time */
      escalated_at: string | null;
      escalation_level: number;
      /** Format: date-time */
      first_responded_at: string | null;
      /** Format: date-time */
      first_response_due_at: string;
      id: number;
      is_breached: boolean;
      /** @enum {string} */
      priority: 'low' | 'medium' | 'high' | 'urgent';
      requester: components['schemas']['UserRefJson'];
      /** Format: date-time */
      resolution_due_at: string;
      /** Format: date-time */
      resolved_at: string | null;
      /** @description where it was opened: `web` (the console), `email` (the email channel), `api` (any other client) */
      source: components['schemas']['MessageSource'];
      /** @enum {string} */
      status: 'open' | 'in_progress' | 'pending' | 'escalated' | 'resolved' | 'closed';
      tags: string[];
      title: string;
      /** Format: date-time */
      updated_at: string;
      version: number;
    };
    TicketListJson: {
      items: components['schemas']['TicketJson'][];
    };
    TicketWithTimelineJson: {
      assignee: components['schemas']['UserRefJson'] | null;
      /** @description files on the ticket itself (not part of a comment), oldest first */
      attachments: components['schemas']['AttachmentJson'][];
      category: components['schemas']['CategoryRefJson'] | null;
      /** Format: date-time */
      closed_at: string | null;
      /** @description requesters count public comments only */
      comment_count: number;
      /** Format: date-time */
      created_at: string;
      description: string;
      /** Format: date-time */
      escalated_at: string | null;
      escalation_level: number;
      /** Format: date-time */
      first_responded_at: string | null;
      /** Format: date-time */
      first_response_due_at: string;
      id: number;
      is_breached: boolean;
      /** @enum {string} */
      priority: 'low' | 'medium' | 'high' | 'urgent';
      requester: components['schemas']['UserRefJson'];
      /** Format: date-time */
      resolution_due_at: string;
      /** Format: date-time */
      resolved_at: string | null;
      /** @description where it was opened: `web` (the console), `email` (the email channel), `api` (any other client) */
      source: components['schemas']['MessageSource'];
      /** @enum {string} */
      status: 'open' | 'in_progress' | 'pending' | 'escalated' | 'resolved' | 'closed';
      tags: string[];
      /** @description the latest 100 events, oldest first */
      timeline: components['schemas']['TicketEventJson'][];
      title: string;
      /** Format: date-time */
      updated_at: string;
      version: number;
    };
    TimeseriesJson: {
      /** @description one per UTC day, oldest first, ending today */
      items: components['schemas']['TimeseriesPointJson'][];
    };
    TimeseriesPointJson: {
      /** @description tickets with a target that fell due that day (up to now) and was missed; a ticket that missed both targets on different days counts on both */
      breached: number;
      /**
       * @description a UTC day, YYYY-MM-DD
       * @example 2025-01-31
       */
      date: string;
      /** @description tickets created that day */
      opened: number;
      /** @description tickets whose resolved_at is that day */
      resolved: number;
    };
    TokenPairJson: {
      access_token: string;
      /**
       * @description access token lifetime in seconds
       * @example 900
       */
      expires_in: number;
      refresh_token: string;
      /** @example Bearer */
      token_type: string;
    };
    UpdateAutomationDto: {
      /**
       * @description replaces the actions as a whole
       * @example {
       *       "status": "closed"
       *     }
       */
      actions?: components['schemas']['AutomationActionsDto'];
      active?: boolean;
      /**
       * @description replaces the conditions as a whole
       * @example {
       *       "hours_in_status": 72,
       *       "status": [
       *         "resolved"
       *       ]
       *     }
       */
      conditions?: components['schemas']['AutomationConditionsDto'];
      /** @description trimmed */
      name?: string;
    };
    UpdateCategoryDto: {
      /** @description agents and admins new tickets of the category may be assigned to (inactive ones are listed but skipped); replaces the list */
      agent_ids?: number[];
      /**
       * @description how a new ticket of the category gets its assignee: `round_robin` over the active listed agents by id, `least_open` to the one with the fewest unresolved tickets (ties by id); both need agents
       * @enum {unknown}
       */
      assignment?: 'none' | 'round_robin' | 'least_open';
      /**
       * @description `#rrggbb`, stored lower-case
       * @example #007bff
       */
      color?: string;
      description?: string;
      /** @description trimmed; unique, case-insensitively */
      name?: string;
    };
    UpdateCommentDto: {
      body: string;
    };
    UpdateFilterDto: {
      /** @description replaces the saved params as a whole. `GET /tickets` query parameters, validated exactly like that query (a bad one is 400 with `details["filter_params.<name>"]`) and stored in their query-string form: strings (`"open,pending"`); numbers and booleans are accepted and stored as strings. limit, offset, filter_id cannot be saved. `assignee_id: "me"` means whoever applies the filter. */
      filter_params?: {
        [key: string]: string | number | boolean;
      };
      is_public?: boolean;
      /** @description trimmed */
      name?: string;
    };
    UpdateSlaPolicyDto: {
      /**
       * @description what the minutes count: every minute (`24x7`) or only the business hours; omitted: unchanged
       * @example business_hours
       * @enum {string}
       */
      calendar?: '24x7' | 'business_hours';
      /**
       * @description minutes from creation
       * @example 60
       */
      first_response_minutes: number;
      /**
       * @description minutes from creation
       * @example 240
       */
      resolution_minutes: number;
      /**
       * @description wall-clock minutes before a due time at which the desk is warned; 0 = never; omitted: unchanged
       * @example 15
       */
      warn_before_minutes?: number;
    };
    UpdateTemplateDto: {
      /** @description a free-text label (trimmed), not a ticket category; null removes it */
      category?: string | null;
      /** @description `{name}` placeholders (name: a letter or `_`, then letters, digits, `_` or `.`) are filled by POST /:id/render */
      content?: string;
      is_public?: boolean;
      /** @description trimmed */
      title?: string;
    };
    UpdateTicketDto: {
      assignee_id?: number | null;
      category_id?: number | null;
      description?: string;
      /** @enum {string} */
      priority?: 'low' | 'medium' | 'high' | 'urgent';
      /** @enum {string} */
      status?: 'open' | 'in_progress' | 'pending' | 'escalated' | 'resolved' | 'closed';
      tags?: string[];
      title?: string;
      /** @description The version you read; a stale one is 409 VERSION_CONFLICT */
      version: number;
    };
    UpdateUserDto: {
      /** @description required with password */
      current_password?: string;
      /** @description admin only, not on yourself */
      is_active?: boolean;
      name?: string;
      /** @description self only, with current_password */
      password?: string;
      /**
       * @description admin only, not on yourself
       * @enum {string}
       */
      role?: 'user' | 'agent' | 'admin';
    };
    UpdateWebhookDto: {
      /** @description true also clears `deactivated_reason` and `failing_since` (the 3-day clock starts again) */
      active?: boolean;
      /**
       * @description null removes it
       * @example Alerts to #support
       */
      description?: string | null;
      /**
       * @description The event types to receive, or exactly `["*"]` for all (also those added later). Duplicates are dropped.
       * @example [
       *       "ticket.created",
       *       "comment.created"
       *     ]
       */
      events?: (
        | 'ticket.created'
        | 'ticket.updated'
        | 'ticket.assigned'
        | 'ticket.status_changed'
        | 'ticket.deleted'
        | 'ticket.restored'
        | 'comment.created'
        | 'attachment.added'
        | 'sla.warning'
        | 'sla.breached'
        | 'ticket.escalated'
        | '*'
      )[];
      /** @description also send internal comments and their attachments */
      include_internal?: boolean;
      /**
       * Format: uri
       * @description http(s) only, no credentials, at most 2000 characters. Its host must resolve, and only to public addresses (no loopback, private, link-local or cloud-metadata ones) unless the server runs with `WEBHOOK_ALLOW_PRIVATE_TARGETS=true`; otherwise 400 with `details.url`. Stored and shown normalized (`HTTPS://Example.com` → `https://example.com/`).
       * @example https://hooks.example.com/helpdesk
       */
      url?: string;
    };
    UserJson: {
      /** Format: date-time */
      created_at: string;
      email: string;
      /** Format: date-time */
      email_verified_at: string | null;
      id: number;
      is_active: boolean;
      name: string;
      /** @enum {string} */
      role: 'user' | 'agent' | 'admin';
    };
    UserRefJson: {
      email: string;
      id: number;
      name: string;
    };
    VerifyEmailConfirmDto: {
      /**
       * @description The 6-digit code from the email
       * @example 042917
       */
      code: string;
      /**
       * Format: email
       * @example jane@example.com
       */
      email: string;
    };
    /**
     * @description A stale `version`: reload the resource and retry from `details.current_version`.
     * @example {
     *       "error": {
     *         "code": "VERSION_CONFLICT",
     *         "details": {
     *           "current_version": 4
     *         },
     *         "message": "The ticket was changed by someone else; reload it",
     *         "request_id": "7b0a5f0e-3c1d-4e7a-9d52-0c6f1b2a9e41"
     *       }
     *     }
     */
    VersionConflictError: {
      error: {
        /** @enum {string} */
        code: 'VERSION_CONFLICT';
        details: {
          /** @description the version to reload and retry from */
          current_version: number;
        };
        /** @description for people, not for programs (it may change) */
        message: string;
        /** @description the `X-Request-Id` of the answer */
        request_id: string;
      };
    };
    WebhookDeliveryJson: {
      /** @description attempts made so far */
      attempts: number;
      /** Format: date-time */
      created_at: string;
      /** Format: date-time */
      delivered_at: string | null;
      /** @example ticket.created */
      event_type: string;
      id: number;
      /** @example timed out after 10000 ms */
      last_error: string | null;
      /** @description the receiver's last HTTP status; null: no answer */
      last_status_code: number | null;
      /** @description the `webhook-id` header: the same on every attempt and redelivery */
      message_id: string;
      /**
       * Format: date-time
       * @description null unless pending
       */
      next_attempt_at: string | null;
      /** @enum {string} */
      status: 'pending' | 'delivered' | 'failed';
      webhook_id: number;
    };
    WebhookJson: {
      /** @description false: nothing is sent (set by an admin, or by a 410 or 3 days of failures) */
      active: boolean;
      /** Format: date-time */
      created_at: string;
      /**
       * @description why delivery deactivated the hook; null when active or deactivated by an admin
       * @example the receiver answered 410 Gone
       */
      deactivated_reason: string | null;
      description: string | null;
      /**
       * @example [
       *       "ticket.created"
       *     ]
       */
      events: (
        | 'ticket.created'
        | 'ticket.updated'
        | 'ticket.assigned'
        | 'ticket.status_changed'
        | 'ticket.deleted'
        | 'ticket.restored'
        | 'comment.created'
        | 'attachment.added'
        | 'sla.warning'
        | 'sla.breached'
        | 'ticket.escalated'
        | '*'
      )[];
      /**
       * Format: date-time
       * @description since when every attempt failed; null once one succeeds
       */
      failing_since: string | null;
      id: number;
      /** @description receives internal comments and their attachments too */
      include_internal: boolean;
      /** Format: date-time */
      updated_at: string;
      /** @example https://hooks.example.com/helpdesk */
      url: string;
    };
    WebhookPingJson: {
      /**
       * @description the `webhook-id` header the receiver will get
       * @example msg_2Y3kQm8JQ0c7
       */
      message_id: string;
    };
    WebhookWithSecretJson: {
      /** @description false: nothing is sent (set by an admin, or by a 410 or 3 days of failures) */
      active: boolean;
      /** Format: date-time */
      created_at: string;
      /**
       * @description why delivery deactivated the hook; null when active or deactivated by an admin
       * @example the receiver answered 410 Gone
       */
      deactivated_reason: string | null;
      description: string | null;
      /**
       * @example [
       *       "ticket.created"
       *     ]
       */
      events: (
        | 'ticket.created'
        | 'ticket.updated'
        | 'ticket.assigned'
        | 'ticket.status_changed'
        | 'ticket.deleted'
        | 'ticket.restored'
        | 'comment.created'
        | 'attachment.added'
        | 'sla.warning'
        | 'sla.breached'
        | 'ticket.escalated'
        | '*'
      )[];
      /**
       * Format: date-time
       * @description since when every attempt failed; null once one succeeds
       */
      failing_since: string | null;
      id: number;
      /** @description receives internal comments and their attachments too */
      include_internal: boolean;
      /**
       * @description The signing secret (Standard Webhooks: `whsec_` + base64 of 32 random bytes). Shown only in this answer: it is stored encrypted and never shown again; rotate it if lost.
       * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
       */
      secret: string;
      /** Format: date-time */
      updated_at: string;
      /** @example https://hooks.example.com/helpdesk */
      url: string;
    };
    WeekHoursDto: {
      /**
       * @description Up to 4 non-overlapping `[start, end]` intervals of local `HH:MM` times, start before end; `24:00` only as an end (`[["00:00","24:00"]]` is the whole day); `[]` = closed.
       * @example [
       *       [
       *         "09:00",
       *         "12:00"
       *       ],
       *       [
       *         "13:00",
       *         "16:00"
       *       ]
       *     ]
       */
      fri: string[][];
      /**
       * @description Up to 4 non-overlapping `[start, end]` intervals of local `HH:MM` times, start before end; `24:00` only as an end (`[["00:00","24:00"]]` is the whole day); `[]` = closed.
       * @example [
       *       [
       *         "09:00",
       *         "17:00"
       *       ]
       *     ]
       */
      mon: string[][];
      /**
       * @description Up to 4 non-overlapping `[start, end]` intervals of local `HH:MM` times, start before end; `24:00` only as an end (`[["00:00","24:00"]]` is the whole day); `[]` = closed.
       * @example []
       */
      sat: string[][];
      /**
       * @description Up to 4 non-overlapping `[start, end]` intervals of local `HH:MM` times, start before end; `24:00` only as an end (`[["00:00","24:00"]]` is the whole day); `[]` = closed.
       * @example []
       */
      sun: string[][];
      /**
       * @description Up to 4 non-overlapping `[start, end]` intervals of local `HH:MM` times, start before end; `24:00` only as an end (`[["00:00","24:00"]]` is the whole day); `[]` = closed.
       * @example [
       *       [
       *         "09:00",
       *         "17:00"
       *       ]
       *     ]
       */
      thu: string[][];
      /**
       * @description Up to 4 non-overlapping `[start, end]` intervals of local `HH:MM` times, start before end; `24:00` only as an end (`[["00:00","24:00"]]` is the whole day); `[]` = closed.
       * @example [
       *       [
       *         "09:00",
       *         "17:00"
       *       ]
       *     ]
       */
      tue: string[][];
      /**
       * @description Up to 4 non-overlapping `[start, end]` intervals of local `HH:MM` times, start before end; `24:00` only as an end (`[["00:00","24:00"]]` is the whole day); `[]` = closed.
       * @example [
       *       [
       *         "09:00",
       *         "17:00"
       *       ]
       *     ]
       */
      wed: string[][];
    };
  };
  responses: {
    /** @description `CONFLICT`: Conflicts with the current state */
    Conflict: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description `CONFLICT`, `IDEMPOTENCY_IN_PROGRESS`: Conflicts with the current state */
    ConflictOrIdempotencyInProgress: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description `FORBIDDEN`: Authenticated, but your role or relation to the resource may not do this */
    Forbidden: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description `IDEMPOTENCY_IN_PROGRESS`: Conflicts with the current state */
    IdempotencyInProgress: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description `IDEMPOTENCY_KEY_REUSED`: Well-formed but impossible (`details` names what) */
    IdempotencyKeyReused: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description `IDEMPOTENCY_KEY_REUSED`, `UNPROCESSABLE`: Well-formed but impossible (`details` names what) */
    IdempotencyKeyReusedOrUnprocessable: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description `INVALID_TRANSITION`, `UNPROCESSABLE`: Well-formed but impossible (`details` names what) */
    InvalidTransitionOrUnprocessable: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description `NOT_FOUND`: No such resource, or one you may not see */
    NotFound: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description `VALIDATION_FAILED`: The request is malformed: bad JSON, wrong types, unknown fields, out-of-range values, or a query string over the bounds (`details` names the fields) */
    OpsValidationFailed: {
      headers: {
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description `PAYLOAD_TOO_LARGE`: The body is over the limit (1 MB of JSON; files over the attachment limit) */
    PayloadTooLarge: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description `PRECONDITION_FAILED`: `If-Match` does not match the current ETag */
    PreconditionFailed: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description `RANGE_NOT_SATISFIABLE`: The Range cannot be satisfied */
    RangeNotSatisfiable: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description `RATE_LIMIT`: Rate limit exceeded: retry after `Retry-After` seconds */
    RateLimit: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        'Retry-After': components['headers']['Retry-After'];
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description `UNAUTHENTICATED`: No valid access token (missing, malformed, expired, or its login session ended) */
    Unauthenticated: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description `UNAVAILABLE`: A dependency (Postgres) is unavailable: retry after `Retry-After` seconds */
    Unavailable: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        'Retry-After': components['headers']['Retry-After'];
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description `UNPROCESSABLE`: Well-formed but impossible (`details` names what) */
    Unprocessable: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description `UNSUPPORTED_MEDIA_TYPE`: The body is not of a media type this route takes */
    UnsupportedMediaType: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description `VALIDATION_FAILED`: The request is malformed: bad JSON, wrong types, unknown fields, out-of-range values, or a query string over the bounds (`details` names the fields) */
    ValidationFailed: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
    /** @description `VERSION_CONFLICT`: Conflicts with the current state */
    VersionConflict: {
      headers: {
        'RateLimit-Limit': components['headers']['RateLimit-Limit'];
        'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
        'RateLimit-Reset': components['headers']['RateLimit-Reset'];
        'X-Request-Id': components['headers']['X-Request-Id'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['VersionConflictError'];
      };
    };
  };
  parameters: never;
  requestBodies: never;
  headers: {
    /** @description `true` when this is the stored answer to an earlier request with the same Idempotency-Key */
    'Idempotent-Replayed': 'true';
    /** @description Requests allowed per minute to your budget (per user; per IP when anonymous) */
    'RateLimit-Limit': number;
    /** @description Requests left in the current window */
    'RateLimit-Remaining': number;
    /** @description Seconds until the window resets */
    'RateLimit-Reset': number;
    /** @description Seconds to wait before retrying */
    'Retry-After': number;
    /** @description The request’s id (yours, if you sent one), also in logs and error bodies */
    'X-Request-Id': string;
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  getHackathonJson: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': Record<string, never>;
        };
      };
      400: components['responses']['OpsValidationFailed'];
    };
  };
  getMeta: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MetaDto'];
        };
      };
      400: components['responses']['OpsValidationFailed'];
    };
  };
  health: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      400: components['responses']['OpsValidationFailed'];
      /** @description `UNAVAILABLE`: A dependency is down; `details` says which (error shape) */
      503: {
        headers: {
          'Retry-After': components['headers']['Retry-After'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
    };
  };
  healthLive: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            /** @enum {string} */
            status?: 'ok';
          };
        };
      };
      400: components['responses']['OpsValidationFailed'];
    };
  };
  healthReady: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': unknown;
        };
      };
      400: components['responses']['OpsValidationFailed'];
      /** @description A dependency is down, or the process is draining (error shape) */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  downloadAttachment: {
    parameters: {
      query?: {
        /** @description show it in the browser: honoured for png, jpeg, gif and webp only (never SVG or HTML) */
        inline?: '1' | '0' | 'true' | 'false';
      };
      header?: {
        /** @description an ETag you hold: 304 while it matches */
        'If-None-Match'?: string;
        /** @description the ETag you hold: the Range applies only if it still matches */
        'If-Range'?: string;
        /** @description one range, e.g. bytes=0-1023 */
        Range?: string;
      };
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file, as `Content-Type` (from its bytes) */
      200: {
        headers: {
          /** @description `attachment` (or `inline` for images with `?inline=1`); `filename*=UTF-8''…` */
          'Content-Disposition': string;
          'Content-Length': number;
          /** @description the quoted SHA-256 of the bytes */
          ETag: string;
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          '*/*': string;
        };
      };
      /** @description The requested range */
      206: {
        headers: {
          /** @description `attachment` (or `inline` for images with `?inline=1`); `filename*=UTF-8''…` */
          'Content-Disposition': string;
          /** @description bytes <start>-<end>/<size> */
          'Content-Range': string;
          /** @description the quoted SHA-256 of the bytes */
          ETag: string;
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          '*/*': string;
        };
      };
      /** @description Not modified: `If-None-Match` names the current ETag */
      304: {
        headers: {
          /** @description `attachment` (or `inline` for images with `?inline=1`); `filename*=UTF-8''…` */
          'Content-Disposition': string;
          /** @description the quoted SHA-256 of the bytes */
          ETag: string;
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      404: components['responses']['NotFound'];
      416: components['responses']['RangeNotSatisfiable'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  deleteAttachment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  listAuditLog: {
    parameters: {
      query?: {
        limit?: number;
        /** @description Past 10000, narrow the filters instead */
        offset?: number;
        /** @description one or more actions: a comma list (`auth.login,auth.login_failed`) or the parameter repeated */
        action?: (
          | 'auth.login'
          | 'auth.login_failed'
          | 'auth.password_reset'
          | 'auth.refresh_token_reused'
          | 'user.created'
          | 'user.role_changed'
          | 'user.deactivated'
          | 'user.reactivated'
          | 'user.password_changed'
          | 'category.created'
          | 'category.updated'
          | 'category.deleted'
          | 'sla_policy.updated'
          | 'business_hours.updated'
          | 'automation.created'
          | 'automation.updated'
          | 'automation.deleted'
          | 'webhook.created'
          | 'webhook.updated'
          | 'webhook.deleted'
          | 'webhook.secret_rotated'
          | 'ticket.deleted'
          | 'ticket.restored'
        )[];
        /** @description who acted */
        actor_id?: number;
        target_type?: components['schemas']['AuditTargetType'];
        target_id?: number;
        /** @description entries at or after this instant (ISO 8601) */
        from?: string;
        /** @description entries before this instant (ISO 8601, exclusive) */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['AuditEntryJson'][];
            limit: number;
            next_offset: number | null;
            offset: number;
            /** @description exact up to 10000 */
            total: number;
            /** @description true when there are more than 10000 matches */
            total_capped: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  login: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "email": "agent@example.com",
         *       "password": "ILoveHelpdesk1"
         *     }
         */
        'application/json': components['schemas']['LoginDto'];
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TokenPairJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      /** @description `UNAUTHENTICATED`: Wrong email or password, or an inactive account (one answer for all) */
      401: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      /** @description `RATE_LIMIT`: RATE_LIMIT with Retry-After: 10 attempts a minute per IP; 10 failed attempts a minute per email and IP (`details.scope` `login-email-ip`); past 50 failed attempts in 15 minutes for one email, only IPs that have logged into that account before may try (`login-account`) */
      429: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'Retry-After': components['headers']['Retry-After'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      503: components['responses']['Unavailable'];
    };
  };
  logout: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "refresh_token": "3q2-7wEAZbHk1Jx0n6uVh4yQfTq8u2lR9cXgM1oPz5E"
         *     }
         */
        'application/json': components['schemas']['RefreshTokenDto'];
      };
    };
    responses: {
      /** @description No content */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['ValidationFailed'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  getMe: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  requestPasswordReset: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "email": "jane@example.com"
         *     }
         */
        'application/json': components['schemas']['EmailField'];
      };
    };
    responses: {
      /** @description Always, at once. Reset and verification emails go to one address at most once a minute and 5 times an hour; past that, requests are still accepted and nothing is sent */
      202: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['ValidationFailed'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  confirmPasswordReset: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "password": "correct-horse-battery-2",
         *       "token": "f1c3b0e2a9d84c6b8e7a5d4c3b2a1f0e"
         *     }
         */
        'application/json': components['schemas']['PasswordResetConfirmDto'];
      };
    };
    responses: {
      /** @description No content */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['ValidationFailed'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['Unprocessable'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  refresh: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "refresh_token": "3q2-7wEAZbHk1Jx0n6uVh4yQfTq8u2lR9cXgM1oPz5E"
         *     }
         */
        'application/json': components['schemas']['RefreshTokenDto'];
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TokenPairJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  register: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "email": "jane@example.com",
         *       "name": "Jane Doe",
         *       "password": "correct-horse-battery"
         *     }
         */
        'application/json': components['schemas']['RegisterDto'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  requestEmailVerification: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "email": "jane@example.com"
         *     }
         */
        'application/json': components['schemas']['EmailField'];
      };
    };
    responses: {
      /** @description Always, at once. Reset and verification emails go to one address at most once a minute and 5 times an hour; past that, requests are still accepted and nothing is sent */
      202: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['ValidationFailed'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  confirmEmailVerification: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "code": "042917",
         *       "email": "jane@example.com"
         *     }
         */
        'application/json': components['schemas']['VerifyEmailConfirmDto'];
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      /** @description `UNPROCESSABLE`: UNPROCESSABLE: the code is wrong, expired or used, or the address had 10 wrong codes within the last hour (then every code for it is refused until that hour has passed, re-issued ones too); one answer for all */
      422: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Error'];
        };
      };
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  listAutomations: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AutomationListJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  createAutomation: {
    parameters: {
      query?: never;
      header?: {
        /** @description 1..255 chars, scoped to you and this path. A retry with the same key and body replays the first 2xx response byte for byte (with `Idempotent-Replayed: true`) and creates nothing; another body is 422. A replay is answered only if you may still do the operation (else the error a fresh request gets). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "actions": {
         *         "status": "closed"
         *       },
         *       "active": true,
         *       "conditions": {
         *         "hours_in_status": 72,
         *         "status": [
         *           "resolved"
         *         ]
         *       },
         *       "name": "Close resolved tickets after 72 h"
         *     }
         */
        'application/json': components['schemas']['CreateAutomationDto'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AutomationJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      409: components['responses']['IdempotencyInProgress'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReusedOrUnprocessable'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  getAutomation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AutomationJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  deleteAutomation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  updateAutomation: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "active": false
         *     }
         */
        'application/json': components['schemas']['UpdateAutomationDto'];
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AutomationJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['Unprocessable'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  getBusinessHours: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BusinessHoursDto'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  setBusinessHours: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BusinessHoursDto'];
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BusinessHoursDto'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  listCategories: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CategoryListJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  createCategory: {
    parameters: {
      query?: never;
      header?: {
        /** @description 1..255 chars, scoped to you and this path. A retry with the same key and body replays the first 2xx response byte for byte (with `Idempotent-Replayed: true`) and creates nothing; another body is 422. A replay is answered only if you may still do the operation (else the error a fresh request gets). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "color": "#007bff",
         *       "description": "Invoices, refunds and payment methods",
         *       "name": "Billing"
         *     }
         */
        'application/json': components['schemas']['CreateCategoryDto'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CategoryJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      409: components['responses']['ConflictOrIdempotencyInProgress'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  getCategory: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CategoryJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      404: components['responses']['NotFound'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  deleteCategory: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  updateCategory: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "agent_ids": [
         *         2
         *       ],
         *       "assignment": "round_robin",
         *       "description": "Invoices, refunds and payment methods"
         *     }
         */
        'application/json': components['schemas']['UpdateCategoryDto'];
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CategoryJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['Unprocessable'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  listFilters: {
    parameters: {
      query?: {
        limit?: number;
        /** @description Past 10000, narrow the filters instead */
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['FilterJson'][];
            limit: number;
            next_offset: number | null;
            offset: number;
            /** @description exact up to 10000 */
            total: number;
            /** @description true when there are more than 10000 matches */
            total_capped: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  createFilter: {
    parameters: {
      query?: never;
      header?: {
        /** @description 1..255 chars, scoped to you and this path. A retry with the same key and body replays the first 2xx response byte for byte (with `Idempotent-Replayed: true`) and creates nothing; another body is 422. A replay is answered only if you may still do the operation (else the error a fresh request gets). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "filter_params": {
         *         "assignee_id": "me",
         *         "priority": "high,urgent",
         *         "status": "open,pending"
         *       },
         *       "is_public": false,
         *       "name": "My urgent open tickets"
         *     }
         */
        'application/json': components['schemas']['CreateFilterDto'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FilterJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      409: components['responses']['IdempotencyInProgress'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  getFilter: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FilterJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  deleteFilter: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  updateFilter: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "is_public": true,
         *       "name": "Urgent and high, open or pending"
         *     }
         */
        'application/json': components['schemas']['UpdateFilterDto'];
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FilterJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  ingestEmail: {
    parameters: {
      query?: never;
      header: {
        /** @description `sha256=<hex HMAC-SHA256 of the body>` */
        'X-Inbound-Signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'message/rfc822': string;
      };
    };
    responses: {
      /** @description Accepted */
      202: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['InboundEmailResultJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['Unprocessable'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  getReportStats: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          /** @description seconds since the numbers were computed (`as_of`) */
          Age?: number;
          /** @description `private, max-age=N`: the numbers stay fresh N seconds from `as_of`, i.e. N − Age more (0 once stale) */
          'Cache-Control'?: string;
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReportStatsJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  getReportSummary: {
    parameters: {
      query?: {
        /** @description the last N UTC days, today included */
        days?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReportSummaryJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  getReportTimeseries: {
    parameters: {
      query?: {
        /** @description how many UTC days, ending today */
        days?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TimeseriesJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  listSlaPolicies: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SlaPolicyListJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  updateSlaPolicy: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        priority: 'low' | 'medium' | 'high' | 'urgent';
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "calendar": "business_hours",
         *       "first_response_minutes": 60,
         *       "resolution_minutes": 240,
         *       "warn_before_minutes": 15
         *     }
         */
        'application/json': components['schemas']['UpdateSlaPolicyDto'];
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SlaPolicyJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  listTags: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TagListJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  listTemplates: {
    parameters: {
      query?: {
        limit?: number;
        /** @description Past 10000, narrow the filters instead */
        offset?: number;
        /** @description case-insensitive substring of the title */
        q?: string;
        /** @description the category label, case-insensitively */
        category?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['TemplateJson'][];
            limit: number;
            next_offset: number | null;
            offset: number;
            /** @description exact up to 10000 */
            total: number;
            /** @description true when there are more than 10000 matches */
            total_capped: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  createTemplate: {
    parameters: {
      query?: never;
      header?: {
        /** @description 1..255 chars, scoped to you and this path. A retry with the same key and body replays the first 2xx response byte for byte (with `Idempotent-Replayed: true`) and creates nothing; another body is 422. A replay is answered only if you may still do the operation (else the error a fresh request gets). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "category": "Accounts",
         *       "content": "Hi {customer_name}, use \"Forgot password\" on the login page to set a new one.",
         *       "is_public": true,
         *       "title": "Password reset"
         *     }
         */
        'application/json': components['schemas']['CreateTemplateDto'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TemplateJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      409: components['responses']['IdempotencyInProgress'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  getTemplate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TemplateJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  deleteTemplate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  updateTemplate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "is_public": true,
         *       "title": "Password reset (self-service)"
         *     }
         */
        'application/json': components['schemas']['UpdateTemplateDto'];
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TemplateJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  renderTemplate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "context": {
         *         "customer_name": "Ann"
         *       }
         *     }
         */
        'application/json': components['schemas']['RenderTemplateDto'];
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RenderedTemplateJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['Unprocessable'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  listTickets: {
    parameters: {
      query?: {
        limit?: number;
        /** @description Past 10000, narrow the filters instead */
        offset?: number;
        /**
         * @description comma list of statuses
         * @example [
         *       "open",
         *       "in_progress"
         *     ]
         */
        status?: ('open' | 'in_progress' | 'pending' | 'escalated' | 'resolved' | 'closed')[];
        /**
         * @description comma list of priorities
         * @example [
         *       "high",
         *       "urgent"
         *     ]
         */
        priority?: ('low' | 'medium' | 'high' | 'urgent')[];
        /** @description a user id, `me`, or `none` (unassigned) */
        assignee_id?: string;
        requester_id?: number;
        category_id?: number;
        tag?: string;
        is_breached?: 'true' | 'false';
        created_after?: string;
        created_before?: string;
        /** @description full-text search (web search syntax: words, "phrases", -exclusions, or) */
        q?: string;
        /** @description alias of q */
        search?: string;
        sort?:
          'created_at' | '-created_at' | 'updated_at' | '-updated_at' | 'priority' | '-priority' | 'resolution_due_at';
        /** @description a saved filter's id (`/filters`): its params apply, and any parameter given here overrides the saved one; a filter you may not see is 404 */
        filter_id?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['TicketJson'][];
            limit: number;
            next_offset: number | null;
            offset: number;
            /** @description exact up to 10000 */
            total: number;
            /** @description true when there are more than 10000 matches */
            total_capped: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      404: components['responses']['NotFound'];
      422: components['responses']['Unprocessable'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  createTicket: {
    parameters: {
      query?: never;
      header?: {
        /** @description 1..255 chars, scoped to you and this path. A retry with the same key and body replays the first 2xx response byte for byte (with `Idempotent-Replayed: true`) and creates nothing; another body is 422. A replay is answered only if you may still do the operation (else the error a fresh request gets). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "description": "The reset link worked, but the new password is refused on the login page.",
         *       "priority": "high",
         *       "tags": [
         *         "login"
         *       ],
         *       "title": "Cannot log in after the password reset"
         *     }
         */
        'application/json': components['schemas']['CreateTicketDto'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TicketJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      409: components['responses']['IdempotencyInProgress'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReusedOrUnprocessable'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  bulkUpdateTickets: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "ids": [
         *         1,
         *         2
         *       ],
         *       "status": "resolved"
         *     }
         */
        'application/json': components['schemas']['BulkUpdateDto'];
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TicketListJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['Unprocessable'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  claimTickets: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "limit": 5
         *     }
         */
        'application/json': components['schemas']['ClaimTicketsDto'];
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TicketListJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  getTicket: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          /** @description W/"<id>-<version>"; send it back as `If-Match` */
          ETag: string;
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TicketWithTimelineJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      404: components['responses']['NotFound'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  deleteTicket: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  updateTicket: {
    parameters: {
      query?: never;
      header?: {
        /** @description an ETag from GET/PATCH, e.g. W/"12-3" */
        'If-Match'?: string;
      };
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "priority": "urgent",
         *       "status": "in_progress",
         *       "version": 1
         *     }
         */
        'application/json': components['schemas']['UpdateTicketDto'];
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          /** @description W/"<id>-<version>"; send it back as `If-Match` */
          ETag: string;
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TicketJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['VersionConflict'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['InvalidTransitionOrUnprocessable'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  assignTicket: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "assignee_id": 2
         *     }
         */
        'application/json': components['schemas']['AssignTicketDto'];
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          /** @description W/"<id>-<version>"; send it back as `If-Match` */
          ETag: string;
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TicketJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['Unprocessable'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  listAttachments: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AttachmentListJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      404: components['responses']['NotFound'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  uploadAttachments: {
    parameters: {
      query?: never;
      header?: {
        /** @description 1..255 chars. A retry with the same key and the same files replays the first response (with `Idempotent-Replayed: true`) and stores nothing new; other files are 422. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'multipart/form-data': {
          /** @description one to 10 file parts, each with a filename; at most ATTACHMENT_MAX_BYTES (25 MiB) each */
          file: string[];
          /**
           * @description staff only: an internal file is shown to agents and admins only, like an internal note
           * @default false
           */
          is_internal?: boolean;
        };
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AttachmentListJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['IdempotencyInProgress'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  listComments: {
    parameters: {
      query?: {
        limit?: number;
        /** @description Past 10000, narrow the filters instead */
        offset?: number;
      };
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['CommentJson'][];
            limit: number;
            next_offset: number | null;
            offset: number;
            /** @description exact up to 10000 */
            total: number;
            /** @description true when there are more than 10000 matches */
            total_capped: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      404: components['responses']['NotFound'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  createComment: {
    parameters: {
      query?: never;
      header?: {
        /** @description 1..255 chars, scoped to you and this path. A retry with the same key and body replays the first 2xx response byte for byte (with `Idempotent-Replayed: true`) and creates nothing; another body is 422. A replay is answered only if you may still do the operation (else the error a fresh request gets). */
        'Idempotency-Key'?: string;
      };
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "body": "Thanks for the report: we are looking into it.",
         *       "is_internal": false
         *     }
         */
        'application/json': components['schemas']['CreateCommentDto'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CommentJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['IdempotencyInProgress'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReusedOrUnprocessable'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  deleteComment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
        cid: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  updateComment: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
        cid: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "body": "Thanks for the report: we are looking into it now."
         *     }
         */
        'application/json': components['schemas']['UpdateCommentDto'];
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CommentJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['Unprocessable'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  restoreTicket: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TicketJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  listTicketTimeline: {
    parameters: {
      query?: {
        limit?: number;
        /** @description Past 10000, narrow the filters instead */
        offset?: number;
      };
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['TicketEventJson'][];
            limit: number;
            next_offset: number | null;
            offset: number;
            /** @description exact up to 10000 */
            total: number;
            /** @description true when there are more than 10000 matches */
            total_capped: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      404: components['responses']['NotFound'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  listUsers: {
    parameters: {
      query?: {
        limit?: number;
        /** @description Past 10000, narrow the filters instead */
        offset?: number;
        role?: 'user' | 'agent' | 'admin';
        /** @description matches name or email (case-insensitive substring) */
        q?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['UserJson'][];
            limit: number;
            next_offset: number | null;
            offset: number;
            /** @description exact up to 10000 */
            total: number;
            /** @description true when there are more than 10000 matches */
            total_capped: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  createUser: {
    parameters: {
      query?: never;
      header?: {
        /** @description 1..255 chars, scoped to you and this path. A retry with the same key and body replays the first 2xx response byte for byte (with `Idempotent-Replayed: true`) and creates nothing; another body is 422. A replay is answered only if you may still do the operation (else the error a fresh request gets). */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "email": "sam@example.com",
         *       "name": "Sam Lee",
         *       "password": "correct-horse-battery",
         *       "role": "agent"
         *     }
         */
        'application/json': components['schemas']['CreateUserDto'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          'Idempotent-Replayed': components['headers']['Idempotent-Replayed'];
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      409: components['responses']['ConflictOrIdempotencyInProgress'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['IdempotencyKeyReused'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  getUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      404: components['responses']['NotFound'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  deactivateUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['Unprocessable'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  updateUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "is_active": true,
         *       "name": "Sam Lee",
         *       "role": "agent"
         *     }
         */
        'application/json': components['schemas']['UpdateUserDto'];
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['Unprocessable'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  listWebhooks: {
    parameters: {
      query?: {
        limit?: number;
        /** @description Past 10000, narrow the filters instead */
        offset?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['WebhookJson'][];
            limit: number;
            next_offset: number | null;
            offset: number;
            /** @description exact up to 10000 */
            total: number;
            /** @description true when there are more than 10000 matches */
            total_capped: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  createWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "description": "Alerts to #support",
         *       "events": [
         *         "ticket.created",
         *         "comment.created"
         *       ],
         *       "url": "https://93.184.216.34/helpdesk"
         *     }
         */
        'application/json': components['schemas']['CreateWebhookDto'];
      };
    };
    responses: {
      /** @description Created */
      201: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookWithSecretJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  getWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  deleteWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  updateWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "events": [
         *         "*"
         *       ],
         *       "include_internal": true
         *     }
         */
        'application/json': components['schemas']['UpdateWebhookDto'];
      };
    };
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  listWebhookDeliveries: {
    parameters: {
      query?: {
        limit?: number;
        /** @description Past 10000, narrow the filters instead */
        offset?: number;
        /** @description only deliveries in this state */
        status?: 'pending' | 'delivered' | 'failed';
      };
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            items: components['schemas']['WebhookDeliveryJson'][];
            limit: number;
            next_offset: number | null;
            offset: number;
            /** @description exact up to 10000 */
            total: number;
            /** @description true when there are more than 10000 matches */
            total_capped: boolean;
          };
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  redeliverWebhookDelivery: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
        delivery_id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Accepted */
      202: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookDeliveryJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  pingWebhook: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Accepted */
      202: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookPingJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
  rotateWebhookSecret: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description OK */
      200: {
        headers: {
          'RateLimit-Limit': components['headers']['RateLimit-Limit'];
          'RateLimit-Remaining': components['headers']['RateLimit-Remaining'];
          'RateLimit-Reset': components['headers']['RateLimit-Reset'];
          'X-Request-Id': components['headers']['X-Request-Id'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookWithSecretJson'];
        };
      };
      400: components['responses']['ValidationFailed'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      429: components['responses']['RateLimit'];
      503: components['responses']['Unavailable'];
    };
  };
}
