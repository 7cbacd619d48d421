//! The service state and its single writer.
//!
//! Every change goes through one writer thread: it takes a batch of queued operations,
//! applies them to its own copy of the log, writes the new entries to the journal with
//! one `fsync` (group commit), and only then copies them into the shared log that
//! readers see and answers the callers. So a reader never sees an entry that a crash
//! could still take away, and nothing is acknowledged before it is on disk.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, RwLock};
use std::thread::JoinHandle;

use expertpool_draw::{
    Attendance, Beacon, BeaconEvidence, Body, CommitInputs, CommitV2, DirectedSelection, DirectedV2, Kind, Log,
    LogEntry, LogError, NamedBeacon, Outcome, Stamp,
};
use serde_json::Value;

use crate::checkpoints::KeptCheckpoint;
use crate::clock::{Clock, stamp};
use crate::config::Config;
use crate::directory::Directory;
use crate::error::ApiError;
use crate::identity::Identity;
use crate::journal::{EntryReader, Journal, JournalError, Key, ReplayReport};
use crate::noshows::NoShows;
use crate::request::{BeaconChoice, NewDirected, NewDraw};

/// The actor recorded for entries the service writes by itself (reveals).
pub const SYSTEM_ACTOR: &str = "drawd";

/// Where to find everything at start.
pub struct Options {
    /// The configuration.
    pub config: Config,
    /// The data folder (journal, key, no-shows), created if missing.
    pub data: PathBuf,
    /// The instance's content folder.
    pub content: PathBuf,
    /// Where time comes from.
    pub clock: Clock,
}

/// Why the service could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The journal could not be opened or verified.
    #[error(transparent)]
    Journal(#[from] JournalError),
    /// The signing key could not be read or made.
    #[error(transparent)]
    Identity(#[from] crate::identity::IdentityError),
    /// The content folder that is not a folder (its path).
    #[error("{}", expertpool_i18n::t!("drawd-start-content-not-folder", path = .0))]
    Content(String),
    /// No writer thread.
    #[error("{}", expertpool_i18n::t!("drawd-start-thread", detail = .0))]
    Thread(std::io::Error),
    /// The configuration file.
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
}

/// Keeps the state this start derived, so the next one replays only newer entries. A
/// snapshot that cannot be written costs the next start time, nothing else: it is logged.
fn write_snapshot(data: &Path, identity: &Identity, replayed: &crate::journal::Replayed, shared: &Shared) {
    use crate::journal::Replaying;
    let result = shared.save().map_err(std::io::Error::other).and_then(|derived| {
        crate::snapshot::write(
            data,
            &crate::snapshot::State {
                origin: &identity.key_name,
                log: &replayed.log,
                verifier: &replayed.verifier,
                offsets: &replayed.offsets,
                derived: &derived,
                journal_sha256: replayed.journal_sha256,
            },
        )
    });
    if let Err(e) = result {
        tracing::warn!("replay snapshot not written ({}): {e}", crate::snapshot::SNAPSHOT);
    }
}

/// A draw as the service indexes it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct DrawMeta {
    pub id: String,
    pub seq: u64,
    pub pool: String,
    pub reveal_after: String,
    pub directed: bool,
    /// Every entry of the draw, in log order.
    pub seqs: Vec<u64>,
    /// v2: the year of the event date (art. 18(8) counts lateness per calendar year).
    #[serde(default)]
    pub event_year: Option<String>,
}

/// What readers see: the acknowledged log and what is derived from it.
#[derive(Default)]
pub struct Shared {
    /// Every acknowledged (durable) entry: hashes and draw states of all, the entries
    /// themselves of open draws only (a compacting log); the rest is read back from the
    /// journal by offset ([`Shared::entry`]).
    pub log: Log,
    /// Start of each entry's line in the journal, and the end of the last.
    pub(crate) offsets: Vec<u64>,
    pub(crate) reader: Option<Arc<EntryReader>>,
    /// Orders of open draws that were run (confidential; staff views and no-shows).
    pub(crate) orders: HashMap<String, Vec<String>>,
    pub(crate) noshows: NoShows,
    /// Draws in order of creation.
    pub(crate) draws: Vec<DrawMeta>,
    pub(crate) index: HashMap<String, usize>,
    /// The kept checkpoint of the current size (written with the last batch).
    pub(crate) head: Option<KeptCheckpoint>,
    /// `<data>/checkpoints.jsonl`.
    pub(crate) checkpoints: PathBuf,
    /// How the journal writes went (for `/api/health`).
    pub(crate) write_health: WriteHealth,
}

/// The outcome of the journal writes, as health reports it.
#[derive(Debug, Default, Clone)]
pub(crate) struct WriteHealth {
    /// The most recent write failed (cleared by the next one that succeeds).
    pub failing: bool,
    /// Time and error of the last failed write, kept after recovery.
    pub last_failure: Option<(String, String)>,
}

/// The indexes a replay snapshot keeps (the draw index is rebuilt from `draws`).
#[derive(serde::Serialize)]
struct SavedIndexes<'a> {
    orders: &'a HashMap<String, Vec<String>>,
    noshows: &'a NoShows,
    draws: &'a [DrawMeta],
}

#[derive(serde::Deserialize)]
struct RestoredIndexes {
    orders: HashMap<String, Vec<String>>,
    noshows: NoShows,
    draws: Vec<DrawMeta>,
}

impl crate::journal::Replaying for Shared {
    fn observe(&mut self, e: &LogEntry, log: &Log) -> Result<(), LogError> {
        Shared::observe(self, e, log)
    }
    fn restore(&mut self, saved: &[u8]) -> Result<(), String> {
        let r: RestoredIndexes = ciborium::from_reader(saved).map_err(|e| e.to_string())?;
        (self.orders, self.noshows, self.draws) = (r.orders, r.noshows, r.draws);
        self.reindex();
        Ok(())
    }
    fn save(&self) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        let saved = SavedIndexes { orders: &self.orders, noshows: &self.noshows, draws: &self.draws };
        ciborium::into_writer(&saved, &mut out).map_err(|e| e.to_string())?;
        Ok(out)
    }
    fn reset(&mut self) {
        (self.orders, self.noshows, self.draws, self.index) = Default::default();
    }
}

impl Shared {
    /// Appends an entry the writer made durable (shared with the writer's copy, not
    /// copied). `hash` is the writer's entry hash (the replica must reproduce it) and
    /// `order` the order it computed for a run entry.
    fn replicate(
        &mut self,
        e: Arc<LogEntry>,
        hash: Option<[u8; 32]>,
        order: Option<Vec<String>>,
    ) -> Result<(), LogError> {
        if let Some(o) = order {
            self.orders.insert(e.draw.clone(), o);
        }
        let seq = e.seq;
        self.log.push_entry(e.clone())?;
        if hash.is_some_and(|h| Some(h) != self.log.entry_hash(seq)) {
            return Err(LogError::Malformed(seq, "the replica's entry hash differs from the journal's".into()));
        }
        let log = std::mem::take(&mut self.log);
        let r = self.observe(&e, &log);
        self.log = log;
        r
    }

    /// Entry `seq`: from memory while its draw is open, else read back from the journal.
    pub fn entry(&self, seq: u64) -> Result<Arc<LogEntry>, ApiError> {
        if let Some(e) = self.log.entry(seq) {
            return Ok(e.clone());
        }
        let (Some(r), Some(start), Some(end)) =
            (&self.reader, self.offsets.get(seq as usize), self.offsets.get(seq as usize + 1))
        else {
            return Err(ApiError::internal(format!("entry {seq} is not in the log")));
        };
        r.entry(*start, *end).map(Arc::new).map_err(ApiError::internal)
    }

    /// The full order of a run draw: kept for open draws, recomputed from the journal
    /// (commit and run entries) for closed ones.
    pub(crate) fn order(&self, id: &str) -> Option<Vec<String>> {
        if let Some(o) = self.orders.get(id) {
            return Some(o.clone());
        }
        let meta = self.meta(id)?;
        let commit = self.entry(meta.seq).ok()?;
        let run = meta.seqs.iter().filter_map(|s| self.entry(*s).ok()).find(|e| e.kind == Kind::Run)?;
        let p = commit.payload.as_ref()?;
        let secret = hex::decode(p.get("secret")?.as_str()?).ok()?;
        let eligible: Vec<String> = serde_json::from_value(p.get("eligible")?.clone()).ok()?;
        let beacon = match run.typed().ok()? {
            Body::Run(b) => b.beacon_value.map(|v| hex::decode(v).ok()).unwrap_or(Some(vec![]))?,
            _ => vec![],
        };
        let context = self.log.entry_hash(meta.seq)?;
        expertpool_draw::order(&eligible, &secret, expertpool_draw::OrderInputs { context: &context, beacon: &beacon })
            .ok()
    }

    /// Updates the indexes for an entry already in `log`.
    fn observe(&mut self, e: &LogEntry, log: &Log) -> Result<(), LogError> {
        let open = |pool: &str, reveal_after: &str| DrawMeta {
            id: e.draw.clone(),
            seq: e.seq,
            pool: pool.to_owned(),
            reveal_after: reveal_after.to_owned(),
            directed: e.kind == Kind::Directed,
            seqs: vec![],
            event_year: None,
        };
        let meta = match e.typed()? {
            Body::Commit(b) => {
                let year = b.event_date.as_deref().and_then(|d| d.get(..4)).map(String::from);
                Some(DrawMeta { event_year: year, ..open(&b.pool, &b.reveal_after) })
            }
            Body::Directed(b) => Some(open(&b.pool, &b.reveal_after)),
            Body::Run(_) if !self.orders.contains_key(&e.draw) => {
                let ord = log.order_of(&e.draw)?;
                self.orders.insert(e.draw.clone(), ord);
                None
            }
            Body::Response(b) => {
                if let Some(id) = self.orders.get(&e.draw).and_then(|o| o.get(b.position as usize)) {
                    self.noshows.observe(id, &e.draw, b.outcome, b.reason.as_deref());
                    if b.outcome == Outcome::Accepted {
                        self.noshows.seat(&e.draw, b.position, id);
                    }
                }
                None
            }
            Body::Withdrawal(b) => {
                self.noshows.unseat(&e.draw, b.position);
                None
            }
            Body::Attendance(b) => {
                let year = self
                    .meta(&e.draw)
                    .and_then(|m| m.event_year.clone())
                    .unwrap_or_else(|| e.time.get(..4).unwrap_or_default().to_owned());
                if let Some(id) = self.noshows.unseat(&e.draw, b.position) {
                    self.noshows.observe_attendance(&id, &e.draw, &year, b.outcome, b.reason.as_deref());
                }
                None
            }
            Body::Reveal(_) => {
                // Closed: what views need of its order is recomputed from the journal.
                self.orders.remove(&e.draw);
                None
            }
            _ => None,
        };
        if let Some(m) = meta {
            self.index.insert(e.draw.clone(), self.draws.len());
            self.draws.push(m);
        }
        if let Some(i) = self.index.get(&e.draw) {
            self.draws[*i].seqs.push(e.seq);
        }
        Ok(())
    }

    /// Rebuilds the draw index from `draws` (positions, in creation order).
    fn reindex(&mut self) {
        self.index = self.draws.iter().enumerate().map(|(i, m)| (m.id.clone(), i)).collect();
    }

    pub(crate) fn meta(&self, id: &str) -> Option<&DrawMeta> {
        self.index.get(id).map(|i| &self.draws[*i])
    }
}

/// Who a response is for.
pub enum Target {
    /// The expert at this position of the order.
    Position(u64),
    /// The called expert with this id.
    Expert(String),
}

/// A change for the writer; `actor` is the staff member causing it.
#[allow(missing_docs)]
// Fields are named for what they hold.
// One op is queued per request and consumed at once: boxing the creation would only add
// an allocation.
#[allow(clippy::large_enum_variant)]
pub enum Op {
    /// Commit a validated request with a fresh secret and salt.
    Create { actor: String, draw: NewDraw, secret: [u8; 32], salt: [u8; 32] },
    /// Run a committed draw with the evidence of its beacon: a drand round's signature
    /// (fetched by the API handler, or pasted), a lottery's result, or nothing for a draw
    /// without a beacon. The value entering the order is derived from it, never given.
    Run { actor: String, draw: String, evidence: Option<BeaconEvidence> },
    /// Abandon a random draw with a public reason (`cancel` entry): nothing more is
    /// called or answered for it; a new draw for the same request names it in `redo_of`.
    Cancel { actor: String, draw: String, reason: String },
    /// Record an answer and call the next in order.
    Respond { actor: String, draw: String, target: Target, outcome: Outcome, reason: Option<String> },
    /// An accepted expert withdraws (art. 11); the next in order is called at once.
    Withdraw { actor: String, draw: String, position: u64, reason: String },
    /// What an accepted expert did at the event (art. 18(7), (8)).
    Attend { actor: String, draw: String, position: u64, outcome: Attendance, reason: Option<String> },
    /// Record a directed selection.
    Directed { actor: String, sel: NewDirected, salt: [u8; 32] },
    /// Publish the names of a draw.
    Reveal { draw: String, names: BTreeMap<String, String> },
}

/// What a successful operation produced.
#[derive(Debug, Clone)]
pub struct Done {
    /// The draw it concerned.
    pub draw: String,
    /// Sequence numbers of the entries it wrote.
    pub seqs: Vec<u64>,
}

struct Job {
    op: Op,
    reply: tokio::sync::oneshot::Sender<Result<Done, ApiError>>,
    /// The language of the request: the writer thread forms the refusal's message.
    lang: expertpool_i18n::Lang,
}

/// The running draw service: what readers see, and the queue to its single writer.
pub struct Service {
    /// The configuration it was opened with.
    pub config: Config,
    pub(crate) identity: Identity,
    pub(crate) content: PathBuf,
    pub(crate) clock: Clock,
    /// The acknowledged log and its indexes.
    pub shared: Arc<RwLock<Shared>>,
    directory: Mutex<Arc<Directory>>,
    watch: crate::directory::ContentWatch,
    /// What the journal replay at start found.
    pub replay: ReplayReport,
    tx: Mutex<Option<Sender<Job>>>,
    writer: Mutex<Option<JoinHandle<()>>>,
    /// Failed authentications per client address.
    pub(crate) limiter: crate::layers::AuthLimiter,
    /// Recent `Idempotency-Key`s and their answers.
    pub(crate) idempotency: crate::layers::Idempotency,
    fail_writes: Arc<AtomicBool>,
    /// What publishing (`[publish]`) has done, when configured.
    publish_status: Option<Arc<Mutex<crate::publish::PublishStatus>>>,
}

impl Service {
    /// Opens the data folder (locking it, replaying and verifying the journal), loads
    /// the content and starts the writer.
    pub fn open(opts: Options) -> Result<Arc<Service>, StartError> {
        let lock = Journal::lock(&opts.data)?;
        let identity = Identity::open(&opts.data, opts.config.origin.as_deref(), true)?;
        let vk = identity.key.verifying_key();
        let key = Key { name: &identity.key_name, key: &vk };
        let mut shared = Shared::default();
        let (mut journal, replayed) = Journal::open(&opts.data, lock, key, &mut shared)?;
        if replayed.replayed_from_journal() > 0 {
            write_snapshot(&opts.data, &identity, &replayed, &shared);
        }
        // Watch before loading, so a change made during the load is not missed.
        let watch = crate::directory::ContentWatch::new(&opts.content);
        let directory = Directory::load(&opts.content);
        if !opts.content.is_dir() {
            return Err(StartError::Content(opts.content.display().to_string()));
        }
        let staging = replayed.log;
        let replay = replayed.report;
        let io = |p: &Path| {
            let path = p.to_path_buf();
            move |source| JournalError::Io { path, source }
        };
        // Entries past the last kept checkpoint (a crash between the two writes of a batch,
        // or a folder from before checkpoints were kept) get theirs now.
        let head = match replayed.last {
            Some(k) if k.size == staging.len() => k,
            _ => {
                let k = sign_kept(&staging, &identity, &opts.clock);
                journal.keep(&k).map_err(io(journal.checkpoints_path()))?;
                k
            }
        };
        shared.log = staging.clone();
        shared.offsets = replayed.offsets;
        shared.reader = Some(Arc::new(EntryReader::open(journal.path()).map_err(io(journal.path()))?));
        shared.head = Some(head);
        shared.checkpoints = journal.checkpoints_path().to_path_buf();
        let shared = Arc::new(RwLock::new(shared));
        let (tx, rx) = channel();
        let fail_writes = Arc::new(AtomicBool::new(false));
        let publish_status = opts.config.publish.enabled().then(Default::default);
        let publisher = match &publish_status {
            Some(status) => {
                let signal = crate::publish::start(
                    opts.config.publish.clone(),
                    shared.clone(),
                    identity.clone(),
                    Arc::clone(status),
                )
                .map_err(StartError::Thread)?;
                // The log as it is at start, before any new batch.
                signal.notify();
                Some(signal)
            }
            None => None,
        };
        let writer = Writer {
            publisher,
            identity: identity.clone(),
            fail_writes: fail_writes.clone(),
            journal,
            staging,
            orders: HashMap::new(),
            shared: shared.clone(),
            clock: opts.clock.clone(),
            data: opts.data.clone(),
        };
        writer.write_noshows();
        let handle = std::thread::Builder::new()
            .name("drawd-writer".into())
            .spawn(move || writer.run(rx))
            .map_err(StartError::Thread)?;
        Ok(Arc::new(Service {
            config: opts.config,
            identity,
            content: opts.content,
            clock: opts.clock,
            shared,
            directory: Mutex::new(Arc::new(directory)),
            watch,
            replay,
            tx: Mutex::new(Some(tx)),
            writer: Mutex::new(Some(handle)),
            limiter: Default::default(),
            idempotency: Default::default(),
            fail_writes,
            publish_status,
        }))
    }

    /// What publishing has done so far; `None` without a `[publish]` section.
    pub fn publish_status(&self) -> Option<crate::publish::PublishStatus> {
        self.publish_status.as_ref().map(|s| s.lock().unwrap_or_else(|p| p.into_inner()).clone())
    }

    /// The constructor for embedding (e.g. `expertpool serve`): content folder, data
    /// folder, and the configuration file if there is one (without it no token is valid,
    /// so the service is read-only).
    pub fn load(content: &Path, data: &Path, config: Option<&Path>) -> Result<Arc<Service>, StartError> {
        let config = match config {
            Some(p) => Config::load(p)?,
            None => Config::default(),
        };
        Service::open(Options { config, data: data.into(), content: content.into(), clock: Clock::System })
    }

    /// Hands an operation to the writer and waits until it is durable (or refused).
    pub async fn submit(&self, op: Op) -> Result<Done, ApiError> {
        let sender = self.tx.lock().unwrap_or_else(|p| p.into_inner()).clone();
        let sender = sender.ok_or_else(|| {
            ApiError::new(
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                "shutting_down",
                "",
                expertpool_i18n::t!("drawd-shutting-down"),
                expertpool_i18n::t!("drawd-shutting-down-fix"),
            )
        })?;
        let (reply, rx) = tokio::sync::oneshot::channel();
        let lang = expertpool_i18n::current();
        sender.send(Job { op, reply, lang }).map_err(|_| ApiError::internal("the journal writer has stopped"))?;
        // Not held while waiting: `shutdown` waits for the writer, which stops only once
        // every sender is gone.
        drop(sender);
        rx.await.map_err(|_| ApiError::internal("the journal writer stopped before answering"))?
    }

    /// The directory, reloaded first if any content file changed.
    pub fn directory(&self) -> Arc<Directory> {
        let current = self.directory.lock().unwrap_or_else(|p| p.into_inner()).clone();
        if !self.watch.changed(&self.content, &current) {
            return current;
        }
        let fresh = Arc::new(Directory::load(&self.content));
        *self.directory.lock().unwrap_or_else(|p| p.into_inner()) = fresh.clone();
        fresh
    }

    /// The directory as last loaded, without checking the disk (for reads).
    pub fn cached_directory(&self) -> Arc<Directory> {
        self.directory.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Reveals every draw whose confidentiality time has passed. Names come from the
    /// current public records; the protocol binds them to the ids.
    pub async fn reveal_due(&self) -> Vec<Result<Done, ApiError>> {
        let now = self.clock.stamp();
        let due: Vec<(String, String, Vec<String>)> = {
            let sh = self.shared.read().unwrap_or_else(|p| p.into_inner());
            sh.draws
                .iter()
                .filter(|m| m.reveal_after.as_str() <= now.as_str())
                .filter(|m| !sh.log.draw(&m.id).is_some_and(|s| s.revealed))
                // A draw never run is abandoned: it has no order to reveal names from,
                // and its commitment stays public as the record that it was abandoned.
                .filter(|m| m.directed || sh.log.draw(&m.id).is_some_and(|s| s.run))
                .map(|m| (m.id.clone(), m.pool.clone(), sh.log.revealed_ids(&m.id).unwrap_or_default()))
                .collect()
        };
        let dir = self.cached_directory();
        let mut out = Vec::new();
        for (id, pool, ids) in due {
            let p = dir.pools.get(&pool);
            let names = ids
                .iter()
                .map(|x| {
                    // An expert whose record was removed since is revealed by id: the
                    // name is gone from the directory, the id still binds the order.
                    let name = p.and_then(|p| p.expert(x)).map(|e| e.public.name.clone()).unwrap_or_else(|| x.clone());
                    (x.clone(), name)
                })
                .collect();
            out.push(self.submit(Op::Reveal { draw: id, names }).await);
        }
        out
    }

    /// Fault injection for tests of what a full disk does: while `on`, every journal
    /// write fails as with ENOSPC (nothing is written, every caller hears 503).
    #[doc(hidden)]
    pub fn inject_write_failures(&self, on: bool) {
        self.fail_writes.store(on, Ordering::SeqCst);
    }

    /// Stops accepting writes, lets the writer finish what is queued, and waits.
    pub fn shutdown(&self) {
        drop(self.tx.lock().unwrap_or_else(|p| p.into_inner()).take());
        if let Some(h) = self.writer.lock().unwrap_or_else(|p| p.into_inner()).take() {
            let _ = h.join();
        }
    }

    /// The kept checkpoint of the current log (signed with the last batch; no
    /// signing or hashing per request): size and signed note.
    pub fn head(&self) -> (u64, String) {
        let sh = self.shared.read().unwrap_or_else(|p| p.into_inner());
        let h = sh.head.as_ref().expect("a checkpoint is kept from the start on");
        (h.size, h.note.clone())
    }

    /// The protocol's public log file, with the kept checkpoint of its size, in memory
    /// (for tests and small logs; `GET /api/log/export` streams it instead).
    pub fn public_export(&self) -> Value {
        let mut out = Vec::new();
        crate::export::write(self, &mut out).expect("writing to memory");
        serde_json::from_slice(&out).expect("the export is JSON")
    }
}

/// Signs and stamps the checkpoint of `log`'s current size.
fn sign_kept(log: &Log, identity: &Identity, clock: &Clock) -> KeptCheckpoint {
    let cp = log.checkpoint(&identity.origin);
    KeptCheckpoint { size: cp.size, time: stamp(clock.now()), note: cp.sign(&identity.key_name, &identity.key) }
}

/// Exports the public log straight from a data folder (no service needed). The journal
/// is first checked as at start-up (protocol verifier, kept checkpoint), so no log its
/// own verifier rejects is signed.
pub fn export_from_data(data: &Path) -> Result<Value, StartError> {
    let log = crate::journal::read_only(data)?;
    let id = Identity::open(data, None, false)?;
    let note = log.checkpoint(&id.origin).sign(&id.key_name, &id.key);
    Ok(log.public_export(&id.origin, &id.key_name, &id.public_key(), &[note]))
}

struct Writer {
    /// Told after every durable batch that grew the log (`[publish]`).
    publisher: Option<crate::publish::PublishSignal>,
    identity: Identity,
    journal: Journal,
    staging: Log,
    /// Orders of run draws, by id, for resolving `expert` in responses.
    orders: HashMap<String, Vec<String>>,
    shared: Arc<RwLock<Shared>>,
    clock: Clock,
    data: PathBuf,
    fail_writes: Arc<AtomicBool>,
}

impl Writer {
    fn run(mut self, rx: Receiver<Job>) {
        while let Ok(first) = rx.recv() {
            let mut batch = vec![first];
            while batch.len() < 512 {
                match rx.try_recv() {
                    Ok(j) => batch.push(j),
                    Err(_) => break,
                }
            }
            self.commit_batch(batch);
        }
    }

    fn commit_batch(&mut self, batch: Vec<Job>) {
        let start = self.staging.len();
        let mut results = Vec::with_capacity(batch.len());
        let mut replies = Vec::with_capacity(batch.len());
        for job in batch {
            let before = self.staging.len();
            let r = expertpool_i18n::scoped(job.lang, || self.apply(job.op))
                .map(|draw| Done { draw, seqs: (before..self.staging.len()).collect() });
            results.push(r);
            replies.push(job.reply);
        }
        // Shared pointers: the readers' log gets the same entries without a copy.
        let new: Vec<Arc<LogEntry>> = self.staging.entries_from(start);
        let kept = sign_kept(&self.staging, &self.identity, &self.clock);
        let written = if new.is_empty() {
            Ok(vec![])
        } else if self.fail_writes.load(Ordering::SeqCst) {
            Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "No space left on device (injected)"))
        } else {
            self.journal.append(&new, &kept)
        };
        if !new.is_empty() {
            let mut sh = self.shared.write().unwrap_or_else(|p| p.into_inner());
            sh.write_health.failing = written.is_err();
            if let Err(e) = &written {
                sh.write_health.last_failure = Some((stamp(self.clock.now()), e.to_string()));
            }
        }
        let ends = match written {
            Ok(ends) => ends,
            Err(e) => {
                eprintln!("drawd: journal write failed, nothing of the batch was recorded: {e}");
                // Nothing of this batch is durable: forget it and tell every caller.
                let sh = self.shared.read().unwrap_or_else(|p| p.into_inner());
                self.staging = sh.log.clone();
                self.orders = sh.orders.clone();
                drop(sh);
                for (reply, r) in replies.into_iter().zip(results) {
                    let _ = reply.send(r.and(Err(ApiError::storage(&e))));
                }
                return;
            }
        };
        let mut responses = false;
        if !new.is_empty() {
            let mut sh = self.shared.write().unwrap_or_else(|p| p.into_inner());
            sh.offsets.extend(ends);
            for e in new {
                responses |= e.kind == Kind::Response;
                if e.kind == Kind::Reveal {
                    self.orders.remove(&e.draw);
                }
                let order = (e.kind == Kind::Run).then(|| self.orders.get(&e.draw).cloned()).flatten();
                let hash = self.staging.entry_hash(e.seq);
                if let Err(err) = sh.replicate(e, hash, order) {
                    // Cannot happen unless the crate changed under us; stop writing
                    // rather than serve a log that differs from the journal.
                    eprintln!("drawd: fatal: {err}");
                    std::process::abort();
                }
            }
            sh.head = Some(kept);
            sh.log.compact();
            drop(sh);
            self.staging.compact();
            if let Some(publisher) = &self.publisher {
                publisher.notify();
            }
        }
        if responses {
            self.write_noshows();
        }
        for (reply, r) in replies.into_iter().zip(results) {
            let _ = reply.send(r);
        }
    }

    /// `<data>/no-shows.json`, read by `expertpool report`. Derived data: a failure
    /// to write it is reported but does not undo the acknowledged answers.
    fn write_noshows(&self) {
        let v = self.shared.read().unwrap_or_else(|p| p.into_inner()).noshows.report_json();
        let text = serde_json::to_string_pretty(&v).unwrap_or_else(|_| "{}".into());
        if let Err(e) = crate::config::write_atomically(&self.data.join("no-shows.json"), text.as_bytes()) {
            eprintln!("drawd: cannot write no-shows.json: {e}");
        }
    }

    /// The time of the next entry: now, but never before the last entry.
    fn time(&self) -> String {
        let now = stamp(self.clock.now());
        match self.staging.last_time() {
            Some(last) if last > now.as_str() => last.to_owned(),
            _ => now,
        }
    }

    fn order(&mut self, draw: &str) -> Result<Vec<String>, ApiError> {
        if let Some(o) = self.orders.get(draw) {
            return Ok(o.clone());
        }
        let o = self.staging.order_of(draw)?;
        self.orders.insert(draw.to_owned(), o.clone());
        Ok(o)
    }

    fn apply(&mut self, op: Op) -> Result<String, ApiError> {
        let time = self.time();
        let by = |actor| Stamp::new(&time, actor);
        match op {
            Op::Create { actor, mut draw, secret, salt } => {
                let day = crate::clock::beijing();
                let date = self.clock.now().to_zoned_datetime(day).date().strftime("%Y%m%d").to_string();
                let id = format!("{date}-{:06}", self.staging.len());
                draw.request.draw = id.clone();
                let elig = crate::eligible::eligibility_of(&self.staging, &draw).map_err(ApiError::internal)?;
                let inputs = CommitInputs {
                    request: &draw.request,
                    eligibility: &elig,
                    snapshot_hash: &draw.snapshot,
                    secret: &secret,
                    salt: &salt,
                    beacon: None,
                };
                // The drand round is fixed here, from the commit's own time: the first
                // round at least 60 s later, which nobody can know yet (spec §10.3).
                let beacon = match draw.beacon {
                    BeaconChoice::Drand => Beacon::drand_after(self.clock.now().as_second().max(unix_of(&time))),
                    BeaconChoice::Lottery(b) => b,
                    BeaconChoice::None => Beacon::None,
                };
                let v2 = CommitV2 { inputs, extra: &draw.extra, beacon, redo_of: draw.redo_of, names: &draw.names };
                self.staging.commit_v2(by(&actor), &v2)?;
                Ok(id)
            }
            Op::Cancel { actor, draw, reason } => {
                let st = self.staging.draw(&draw).ok_or_else(|| ApiError::unknown_draw(&draw))?;
                if st.revealed || time >= st.reveal_after {
                    return Err(ApiError::conflict(
                        "answers_closed",
                        "id",
                        format!("抽取的保密时间 {} 已过，不能再取消", st.reveal_after),
                        "如需重新抽取，请新建一次抽取并在 redo_of 中写明原因",
                    ));
                }
                self.staging.cancel(by(&actor), &draw, &reason)?;
                Ok(draw)
            }
            Op::Run { actor, draw, evidence } => {
                let st = self.staging.draw(&draw).ok_or_else(|| ApiError::unknown_draw(&draw))?;
                if st.directed {
                    return Err(ApiError::conflict(
                        "directed",
                        "id",
                        "a directed selection is not run",
                        "nothing to do",
                    ));
                }
                let reveal_after = st.reveal_after.clone();
                if st.revealed || time >= reveal_after {
                    return Err(ApiError::conflict(
                        "confidentiality_time_passed",
                        "id",
                        format!(
                            "the draw's confidentiality time {reveal_after} has passed; running it now would draw in public"
                        ),
                        "create a new draw",
                    ));
                }
                let ord = if st.v2 {
                    if let Some(NamedBeacon::V2(Beacon::Drand { round, .. })) = &st.beacon {
                        let at = expertpool_draw::beacon::drand_round_time(*round);
                        if unix_of(&time) < at {
                            return Err(ApiError::conflict(
                                "beacon_not_yet",
                                "id",
                                format!("drand 第 {round} 轮尚未产生（{} 秒后），现在不能抽取", at - unix_of(&time)),
                                "等该轮产生后再运行",
                            ));
                        }
                    }
                    self.staging.run_v2(by(&actor), &draw, evidence.as_ref())?
                } else {
                    // A v1 draw of an older journal: it named no beacon (the service never
                    // took caller-chosen rounds or values for new draws).
                    self.staging.run(by(&actor), &draw, None)?
                };
                self.orders.insert(draw.clone(), ord);
                Ok(draw)
            }
            Op::Respond { actor, draw, target, outcome, reason } => {
                let st = self.staging.draw(&draw).ok_or_else(|| ApiError::unknown_draw(&draw))?.clone();
                if !st.run {
                    return Err(ApiError::conflict(
                        "not_run",
                        "id",
                        "the draw has not been run: nobody is called yet",
                        "run it with POST /api/draws/{id}/run",
                    ));
                }
                // After the confidentiality time the names are (or are about to be) public:
                // an answer then would call the next experts and name them at once.
                if st.revealed || time >= st.reveal_after {
                    return Err(ApiError::conflict(
                        "answers_closed",
                        "id",
                        format!(
                            "抽取的保密时间 {} 已过，名单已公开，不再记录答复，也不再通知新的专家",
                            st.reveal_after
                        ),
                        "如仍缺人，请新建一次抽取",
                    ));
                }
                let position = match target {
                    Target::Position(p) => p,
                    Target::Expert(x) => {
                        let ord = self.order(&draw)?;
                        st.called.iter().copied().find(|p| ord.get(*p as usize) == Some(&x)).ok_or_else(|| {
                            ApiError::invalid(
                                "not_called",
                                "expert",
                                format!("{x} has not been called in this draw"),
                                "record answers only for the experts the draw called",
                            )
                        })?
                    }
                };
                if !st.called.contains(&position) {
                    return Err(ApiError::invalid(
                        "not_called",
                        "position",
                        format!("position {position} has not been called"),
                        "use a position from the called list",
                    ));
                }
                if st.outcomes.contains_key(&position) {
                    return Err(ApiError::conflict(
                        "already_answered",
                        "position",
                        format!("position {position} already has an answer"),
                        "an answer is final; the next expert is called automatically",
                    ));
                }
                self.staging.respond(by(&actor), &draw, position, outcome, reason.as_deref())?;
                // The next in order is called at once, in the same durable batch, so the
                // clerk never chooses and a crash cannot leave a seat uncalled.
                self.staging.call_next(by(&actor), &draw)?;
                Ok(draw)
            }
            Op::Withdraw { actor, draw, position, reason } => {
                let st = self.staging.draw(&draw).ok_or_else(|| ApiError::unknown_draw(&draw))?;
                // As for answers: once the names are public, a replacement would be
                // called and named at once.
                if st.revealed || time >= st.reveal_after {
                    return Err(ApiError::conflict(
                        "answers_closed",
                        "id",
                        expertpool_i18n::t!("drawd-withdrawal-closed", time = st.reveal_after.clone()),
                        expertpool_i18n::t!("drawd-withdrawal-closed-fix"),
                    ));
                }
                self.staging.withdraw(by(&actor), &draw, position, &reason)?;
                // The replacement is called in the same durable batch (as after a decline).
                self.staging.call_next(by(&actor), &draw)?;
                Ok(draw)
            }
            Op::Attend { actor, draw, position, outcome, reason } => {
                self.staging.attend(by(&actor), &draw, position, outcome, reason.as_deref())?;
                Ok(draw)
            }
            Op::Directed { actor, sel, salt } => {
                let date =
                    self.clock.now().to_zoned_datetime(crate::clock::beijing()).date().strftime("%Y%m%d").to_string();
                let id = format!("{date}-{:06}", self.staging.len());
                let selection = DirectedSelection {
                    draw: &id,
                    pool: &sel.pool,
                    approval_ref: &sel.approval_ref,
                    approved_by: &sel.approved_by,
                    experts: &sel.experts,
                    reason: &sel.reason,
                    reveal_after: &sel.reveal_after,
                    salt: &salt,
                };
                // It stands in for the draw it was asked for when that draw ended unfilled;
                // otherwise it needs a public exception reason (spec §10.5).
                let target = self.staging.draw(&sel.for_draw).ok_or_else(|| ApiError::unknown_draw(&sel.for_draw))?;
                let key = target
                    .request_key
                    .clone()
                    .unwrap_or_else(|| hex::encode(expertpool_draw::request_key("", "", "", &sel.for_draw)));
                let stands_in = (target.unfilled() && target.request_key.is_some()).then_some(sel.for_draw.as_str());
                let exception = match (stands_in, sel.exception.as_deref()) {
                    (Some(_), _) => None,
                    (None, Some(x)) => Some(x),
                    (None, None) => {
                        return Err(ApiError::invalid(
                            "exception_required",
                            "exception",
                            format!(
                                "抽取 {} 并未以未满额结束（已取消，或全部符合条件的专家均已通知并答复）：定向选用须写明例外理由",
                                sel.for_draw
                            ),
                            "在 exception 中写明为何不经随机抽取而定向选用（将公开）",
                        ));
                    }
                };
                let d = DirectedV2 {
                    sel: selection,
                    request_key: &key,
                    stands_in_for: stands_in,
                    exception,
                    names: &sel.names,
                };
                self.staging.directed_v2(by(&actor), &d)?;
                Ok(id)
            }
            Op::Reveal { draw, names } => {
                self.staging.reveal(by(SYSTEM_ACTOR), &draw, &names)?;
                Ok(draw)
            }
        }
    }
}

/// 32 bytes from the operating system's random source.
///
/// `rand::rngs::SysRng` rather than `rand::rng()`: a draw needs only a secret and a salt,
/// so the speed of a user-space generator buys nothing, while asking the OS every time
/// keeps no generator state in this process that a fork or a core dump could duplicate,
/// and needs no reseeding policy. Its error is returned, not turned into a panic.
pub fn random32() -> Result<[u8; 32], ApiError> {
    use rand::TryRng as _;
    let mut b = [0u8; 32];
    rand::rngs::SysRng.try_fill_bytes(&mut b).map_err(|e| ApiError::internal(format!("operating system RNG: {e}")))?;
    Ok(b)
}

/// Unix seconds of an entry time (`YYYY-MM-DDTHH:MM:SSZ`); 0 if unreadable.
fn unix_of(t: &str) -> i64 {
    t.parse::<jiff::Timestamp>().map(|x| x.as_second()).unwrap_or(0)
}
