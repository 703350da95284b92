// Drives Baileys against the FakeServer: one JSON request per stdin line, one JSON
// reply per stdout line ({"id", "ok", ...}). Several named Baileys instances live in
// this process, each with a useMultiFileAuthState folder. Copied next to the
// installed node_modules so that `import('baileys')` resolves there.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import util from 'node:util';

for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
    console[level] = (...args) => process.stderr.write(util.format(...args) + '\n');
}

const baileysModule = await import('baileys');
const pinoModule = await import('pino');
const pino = pinoModule.default ?? pinoModule;
const pick = (name) => baileysModule[name] ?? baileysModule.default?.[name];
const makeWASocket = typeof baileysModule.default === 'function' ? baileysModule.default : baileysModule.default.default;
const useMultiFileAuthState = pick('useMultiFileAuthState');
const DisconnectReason = pick('DisconnectReason');
const downloadMediaMessage = pick('downloadMediaMessage');
const normalizeMessageContent = pick('normalizeMessageContent');
const decryptPollVote = pick('decryptPollVote');
const getAggregateVotesInPollMessage = pick('getAggregateVotesInPollMessage');
const jidNormalizedUser = pick('jidNormalizedUser');
const getKeyAuthor = pick('getKeyAuthor');
const MEDIA_FIELDS = ['imageMessage', 'videoMessage', 'audioMessage', 'documentMessage', 'stickerMessage'];
// The media message field of a message (after Baileys' unwrapping), or undefined.
const mediaField = (msg) => {
    const content = normalizeMessageContent?.(msg.message) ?? msg.message;
    return content && MEDIA_FIELDS.find((field) => content[field]);
};
// Baileys fetches history and app-state blobs from WhatsApp's media host
// (https://mmg.whatsapp.net + directPath: there is no url field for them); the harness
// points those requests at the FakeServer's media host (set by `start`), so nothing
// leaves loopback. Baileys 7 downloads with fetch, Baileys 6 with axios.
const WA_MEDIA = 'https://mmg.whatsapp.net/';
let mediaHost = null;
const toMediaHost = (url) =>
    mediaHost && typeof url === 'string' && url.startsWith(WA_MEDIA) ? `https://${mediaHost}/${url.slice(WA_MEDIA.length)}` : url;
const realFetch = globalThis.fetch;
globalThis.fetch = (input, init) => realFetch(input instanceof URL ? toMediaHost(input.toString()) : toMediaHost(input), init);
try {
    // The CommonJS instance Baileys 6 requires (an ES import would load a second one).
    const axios = createRequire(import.meta.url)('axios');
    axios.interceptors.request.use((config) => ({ ...config, url: toMediaHost(config.url) }));
} catch {
    // Baileys 7 has no axios: fetch covers it.
}
const logger = pino({ level: process.env.BAILEYS_LOG_LEVEL || 'silent' }, pino.destination(2));

class Peer {
    constructor(name, url) {
        this.name = name;
        this.url = url;
        this.dir = mkdtempSync(path.join(tmpdir(), `baileys-${name}-`));
        this.qr = null;
        this.open = false;
        this.closedWith = null;
        this.messages = [];
        this.failures = [];
        this.media = [];
        this.history = { chats: [], messages: [], contacts: [], syncTypes: [] };
        this.chatUpdates = [];
        this.contactUpdates = [];
        this.sent = new Map();
        this.keys = new Map(); // id -> the WAMessage we sent (its key and content), for edits, revokes, polls
        this.updates = [];
        this.deletes = []; // keys from messages.delete (delete for me)
        this.pollVotes = [];
        this.groupEvents = [];
        this.waiters = [];
    }

    notify() {
        const waiters = this.waiters;
        this.waiters = [];
        for (const wake of waiters) wake();
    }

    async until(predicate, timeoutMs = 30000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const value = predicate();
            if (value) return value;
            if (Date.now() > deadline) throw new Error(`${this.name}: timed out (closed with ${this.closedWith})`);
            await new Promise((resolve) => {
                this.waiters.push(resolve);
                setTimeout(resolve, 200);
            });
        }
    }

    async connect() {
        const { state, saveCreds } = await useMultiFileAuthState(this.dir);
        const sock = makeWASocket({
            waWebSocketUrl: this.url,
            auth: state,
            logger,
            printQRInTerminal: false,
            markOnlineOnConnect: false,
            syncFullHistory: false,
            connectTimeoutMs: 20000,
            // Baileys resends a message a peer could not decrypt from what the app returns
            // here (its own cache misses when the retry receipt comes from a device JID).
            getMessage: async (key) => this.sent.get(key.id),
        });
        this.sock = sock;
        sock.ev.on('creds.update', saveCreds);
        sock.ev.on('connection.update', (update) => {
            // A replaced socket may still report its own close after the new one opened.
            if (sock !== this.sock) return;
            if (update.qr) this.qr = update.qr;
            if (update.connection === 'open') this.open = true;
            if (update.connection === 'close') {
                this.open = false;
                const code = update.lastDisconnect?.error?.output?.statusCode;
                this.closedWith = code;
                // After pairing the server ends the stream with 515: log in again from the saved creds.
                if (code === DisconnectReason.restartRequired && !this.stopped) this.connect();
            }
            this.notify();
        });
        sock.ev.on('messaging-history.set', ({ chats, contacts, messages, syncType }) => {
            this.history.chats.push(...chats.map((c) => ({ id: c.id, name: c.name ?? null, archived: c.archived ?? null })));
            this.history.contacts.push(...contacts.map((c) => ({ id: c.id, name: c.name ?? null, notify: c.notify ?? null })));
            this.history.messages.push(...messages.map((m) => ({
                id: m.key.id, remoteJid: m.key.remoteJid, fromMe: Boolean(m.key.fromMe),
                text: m.message?.conversation ?? m.message?.extendedTextMessage?.text ?? null,
            })));
            this.history.syncTypes.push(syncType ?? null);
            this.notify();
        });
        sock.ev.on('chats.update', (updates) => {
            this.chatUpdates.push(...updates.map(({ conditional, ...rest }) => rest));
            this.notify();
        });
        for (const event of ['contacts.upsert', 'contacts.update']) {
            sock.ev.on(event, (contacts) => {
                this.contactUpdates.push(...contacts.map((c) => ({ id: c.id, name: c.name ?? null, notify: c.notify ?? null })));
                this.notify();
            });
        }
        // Edits and revokes of earlier messages (Baileys' messages.update).
        sock.ev.on('messages.update', (updates) => {
            for (const { key, update } of updates) {
                const edited = update.message?.editedMessage?.message;
                this.updates.push({
                    id: key.id,
                    remoteJid: key.remoteJid,
                    fromMe: Boolean(key.fromMe),
                    revoked: update.message === null && update.messageStubType !== undefined,
                    text: edited?.conversation ?? edited?.extendedTextMessage?.text ?? null,
                    starred: typeof update.starred === 'boolean' ? update.starred : null,
                });
            }
            this.notify();
        });
        // Deletes for me (app-state deleteMessageForMe): { keys } (or { jid, all } for a chat).
        sock.ev.on('messages.delete', (item) => {
            for (const key of item.keys ?? []) {
                this.deletes.push({ id: key.id, remoteJid: key.remoteJid, fromMe: Boolean(key.fromMe) });
            }
            this.notify();
        });
        sock.ev.on('group-participants.update', (update) => {
            this.groupEvents.push({ kind: 'participants', id: update.id, action: update.action, author: update.author ?? null,
                participants: (update.participants ?? []).map((x) => (typeof x === 'string' ? x : x.id ?? x.phoneNumber)) });
            this.notify();
        });
        sock.ev.on('groups.update', (updates) => {
            for (const u of updates) this.groupEvents.push({ kind: 'group', id: u.id, subject: u.subject ?? null, author: u.author ?? null });
            this.notify();
        });
        sock.ev.on('messages.upsert', ({ messages }) => {
            if (process.env.BAILEYS_LOG_LEVEL) console.error(`${this.name} upsert`, JSON.stringify(messages));
            for (const msg of messages) {
                const text = msg.message?.conversation || msg.message?.extendedTextMessage?.text;
                // A stub with a decryption error instead of content: listed by `failures`.
                if (!msg.key.fromMe && msg.messageStubParameters?.length && !msg.message) {
                    this.failures.push({ id: msg.key.id, remoteJid: msg.key.remoteJid, error: msg.messageStubParameters[0] });
                }
                if (text && !msg.key.fromMe) {
                    this.messages.push({ text, remoteJid: msg.key.remoteJid, participant: msg.key.participant ?? null, key: msg.key });
                }
                if (!msg.key.fromMe && mediaField(msg)) this.media.push(msg);
                const vote = msg.message?.pollUpdateMessage;
                if (vote && !msg.key.fromMe) this.pollVotes.push(msg);
            }
            this.notify();
        });
    }
}

const peers = new Map();
const peer = (name) => {
    const found = peers.get(name);
    if (!found) throw new Error(`no peer ${name}`);
    return found;
};

const commands = {
    async start({ name, url, root, media_host }) {
        if (media_host) mediaHost = media_host;
        if (root) {
            const defaults = await import('baileys/lib/Defaults/index.js');
            const details = defaults.WA_CERT_DETAILS ?? defaults.default?.WA_CERT_DETAILS;
            if (details) details.PUBLIC_KEY = Buffer.from(root, 'hex');
        }
        // The process serves a whole test session: a peer left by a failed test goes first.
        if (peers.has(name)) await commands.stop({ name });
        const p = new Peer(name, url);
        peers.set(name, p);
        await p.connect();
        return {};
    },
    async wait_qr({ name }) {
        const p = peer(name);
        return { qr: await p.until(() => p.qr) };
    },
    async wait_open({ name }) {
        const p = peer(name);
        await p.until(() => p.open);
        return { me: p.sock.user };
    },
    async send_text({ name, jid, text }) {
        const p = peer(name);
        const sent = await p.sock.sendMessage(jid, { text });
        p.sent.set(sent.key.id, sent.message);
        return { msg_id: sent.key.id };
    },
    async send_poll({ name, jid, question, options, selectable }) {
        const poll = { name: question, values: options, selectableCount: selectable };
        const p = peer(name);
        const sent = await p.sock.sendMessage(jid, { poll });
        p.sent.set(sent.key.id, sent.message);
        p.keys.set(sent.key.id, sent);
        return { msg_id: sent.key.id };
    },
    // Wait for `count` votes on our poll `poll_id`; decrypt them as a Baileys app does
    // (decryptPollVote with the poll's messageSecret) and aggregate the latest per voter.
    async poll_tally({ name, poll_id, count }) {
        const p = peer(name);
        const creation = p.keys.get(poll_id);
        const meId = jidNormalizedUser(p.sock.user.id);
        await p.until(() => p.pollVotes.filter((m) => m.message.pollUpdateMessage.pollCreationMessageKey.id === poll_id).length >= count);
        const latest = new Map();
        for (const msg of p.pollVotes) {
            const update = msg.message.pollUpdateMessage;
            if (update.pollCreationMessageKey.id !== poll_id) continue;
            // Baileys 7's getKeyAuthor prefers the alternate address (our LID for a PN chat);
            // whatsmeow signs votes with the address the chat uses (reference 6.4). Try both,
            // as an app reading votes from either kind of client must.
            const candidates = [...new Set([getKeyAuthor(msg.key, meId), jidNormalizedUser(msg.key.participant || msg.key.remoteJid)])];
            let vote = null;
            let voter = null;
            for (const candidate of candidates) {
                try {
                    vote = decryptPollVote(update.vote, {
                        pollCreatorJid: meId, pollMsgId: poll_id,
                        pollEncKey: creation.message.messageContextInfo.messageSecret, voterJid: candidate,
                    });
                    voter = candidate;
                    break;
                } catch {
                    // the next address
                }
            }
            if (!vote) throw new Error(`vote ${msg.key.id} decrypts with none of ${candidates}`);
            latest.set(voter, { pollUpdateMessageKey: msg.key, vote });
        }
        const tally = getAggregateVotesInPollMessage({ message: creation.message, pollUpdates: [...latest.values()] }, meId);
        return { tally: tally.map((t) => ({ name: t.name, voters: t.voters })) };
    },
    async send_text_keep({ name, jid, text }) {
        const p = peer(name);
        const sent = await p.sock.sendMessage(jid, { text });
        p.sent.set(sent.key.id, sent.message);
        p.keys.set(sent.key.id, sent);
        return { msg_id: sent.key.id };
    },
    async edit_text({ name, jid, msg_id, text }) {
        const p = peer(name);
        await p.sock.sendMessage(jid, { text, edit: p.keys.get(msg_id).key });
        return {};
    },
    async revoke({ name, jid, msg_id }) {
        const p = peer(name);
        await p.sock.sendMessage(jid, { delete: p.keys.get(msg_id).key });
        return {};
    },
    async wait_update({ name, msg_id, revoked, text }) {
        const p = peer(name);
        const match = (u) => u.id === msg_id && (revoked ? u.revoked : u.text === text);
        return { update: await p.until(() => p.updates.find(match)) };
    },
    async group_participants({ name, group, participants, action }) {
        const result = await peer(name).sock.groupParticipantsUpdate(group, participants, action);
        return { result: result.map((r) => ({ status: r.status, jid: r.jid })) };
    },
    async wait_group_event({ name, group, kind, action, subject }) {
        const p = peer(name);
        const match = (e) => e.id === group && e.kind === kind && (action ? e.action === action : true) && (subject ? e.subject === subject : true);
        return { event: await p.until(() => p.groupEvents.find(match)) };
    },
    // Wait for a messages.update that stars (or unstars) message `msg_id`.
    async wait_starred({ name, msg_id, starred }) {
        const p = peer(name);
        return { update: await p.until(() => p.updates.find((u) => u.id === msg_id && u.starred === starred)) };
    },
    // Wait for a messages.delete naming message `msg_id`.
    async wait_deleted({ name, msg_id }) {
        const p = peer(name);
        return { key: await p.until(() => p.deletes.find((k) => k.id === msg_id)) };
    },
    // Wait until the account's own name (creds.me.name, from app-state setting_pushName) is `value`.
    async wait_own_name({ name, value }) {
        const p = peer(name);
        const me = () => p.sock.authState.creds.me;
        return { me: await p.until(() => (me()?.name === value ? me() : null)) };
    },
    // The app-state key id Baileys keeps (from the phone's key share) and its own name.
    async own_creds({ name }) {
        const { myAppStateKeyId, me } = peer(name).sock.authState.creds;
        return { myAppStateKeyId: myAppStateKeyId ?? null, name: me?.name ?? null };
    },
    // Wait until history sync delivered at least `messages` messages; return what it held.
    async wait_history({ name, messages }) {
        const p = peer(name);
        await p.until(() => p.history.messages.length >= messages, 45000);
        return p.history;
    },
    // Wait for a chats.update of `jid` setting `field` to `value` (e.g. archived: true).
    async wait_chat_update({ name, jid, field, value }) {
        const p = peer(name);
        return { update: await p.until(() => p.chatUpdates.find((u) => u.id === jid && u[field] === value)) };
    },
    // Wait for a contact of `jid` whose `field` is `value` (Baileys' event buffer may fold a
    // contacts.upsert into messaging-history.set's contacts).
    async wait_contact({ name, jid, field, value }) {
        const p = peer(name);
        const match = (c) => c.id === jid && c[field] === value;
        return { contact: await p.until(() => p.contactUpdates.find(match) ?? p.history.contacts.find(match)) };
    },
    async failures({ name }) {
        return { failures: peer(name).failures };
    },
    async wait_lid_for({ name, pn_user, timeout_ms }) {
        // Baileys 7's stored PN->LID mapping (key store 'lid-mapping', Signal/lid-mapping.js),
        // read from the store so no usync fills it in; Baileys 6 has none.
        const p = peer(name);
        const deadline = Date.now() + (timeout_ms ?? 30000);
        for (;;) {
            const found = await p.sock.authState.keys.get('lid-mapping', [pn_user]);
            const lid = found?.[pn_user] ?? null;
            if (lid || Date.now() > deadline) return { lid };
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
    },
    async wait_text({ name, text, timeout_ms }) {
        const p = peer(name);
        const found = await p.until(() => p.messages.find((m) => m.text === text), timeout_ms ?? 30000);
        return found;
    },
    // Send a file from disk: kind is image, video, audio, document or sticker.
    async send_media({ name, jid, kind, path, caption, mimetype, fileName, ptt }) {
        const content = { [kind]: { url: path } };
        if (caption) content.caption = caption;
        if (mimetype) content.mimetype = mimetype;
        if (fileName) content.fileName = fileName;
        if (ptt) content.ptt = true;
        const sent = await peer(name).sock.sendMessage(jid, content);
        return { msg_id: sent.key.id };
    },
    // Wait for the index-th received media message, download it with downloadMediaMessage.
    async wait_media({ name, index }) {
        const p = peer(name);
        const msg = await p.until(() => p.media[index]);
        const field = mediaField(msg);
        const content = (normalizeMessageContent?.(msg.message) ?? msg.message)[field];
        const data = await downloadMediaMessage(msg, 'buffer', {}, { logger, reuploadRequest: p.sock.updateMediaMessage });
        return {
            field,
            data: data.toString('base64'),
            mimetype: content.mimetype ?? null,
            fileName: content.fileName ?? null,
            caption: content.caption ?? null,
            ptt: Boolean(content.ptt),
            seconds: content.seconds ?? null,
        };
    },
    async read({ name, text }) {
        const p = peer(name);
        const found = await p.until(() => p.messages.find((m) => m.text === text));
        await p.sock.readMessages([found.key]);
        return {};
    },
    async react({ name, text, emoji }) {
        const p = peer(name);
        const found = await p.until(() => p.messages.find((m) => m.text === text));
        await p.sock.sendMessage(found.key.remoteJid, { react: { text: emoji, key: found.key } });
        return {};
    },
    async presence({ name, state, push_name }) {
        const sock = peer(name).sock;
        // Baileys learns its push name from app state, which the simulated phone does not send.
        if (push_name && !sock.authState.creds.me.name) sock.authState.creds.me.name = push_name;
        await sock.sendPresenceUpdate(state);
        return {};
    },
    // Subscribe to a contact's presence, then show "typing" in its chat.
    async subscribe_and_type({ name, jid }) {
        const sock = peer(name).sock;
        await sock.presenceSubscribe(jid);
        await sock.sendPresenceUpdate('composing', jid);
        return {};
    },
    async group_create({ name, subject, participants }) {
        const meta = await peer(name).sock.groupCreate(subject, participants);
        return { group: meta.id, participants: meta.participants.map((x) => x.id) };
    },
    async stop({ name }) {
        // Idempotent: a test that failed half-way may stop peers it never started.
        const p = peers.get(name);
        if (!p) return {};
        p.stopped = true;
        p.sock.end(undefined);
        peers.delete(name);
        rmSync(p.dir, { recursive: true, force: true });
        return {};
    },
};

const rl = readline.createInterface({ input: process.stdin });
process.stdout.write(JSON.stringify({ ready: true }) + '\n');
rl.on('line', async (line) => {
    const request = JSON.parse(line);
    let reply;
    try {
        reply = { id: request.id, ok: true, ...(await commands[request.cmd](request)) };
    } catch (error) {
        reply = { id: request.id, ok: false, error: String(error?.stack ?? error) };
    }
    process.stdout.write(JSON.stringify(reply) + '\n');
});
rl.on('close', () => {
    // Auth folders hold test keys only; remove them with the process.
    for (const p of peers.values()) rmSync(p.dir, { recursive: true, force: true });
    process.exit(0);
});
