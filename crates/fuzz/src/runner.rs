//! The bounded fuzzer of the stable test suite: replays a target's corpus, then mutates
//! it for a time budget. A panic, or an input that runs longer than the hang limit, saves
//! the input under the temp folder and fails the test naming that file.

use crate::mutate::{Rng, mutate, parse_dictionary};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What one bounded run did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// Corpus entries replayed.
    pub replayed: usize,
    /// Mutated inputs run after the replay.
    pub mutated: usize,
}

/// The committed corpus of `target` (`fuzz/corpus/<target>/`).
pub fn corpus_dir(target: &str) -> PathBuf {
    expertpool_testkit::repo_root().join("fuzz/corpus").join(target)
}

/// The libFuzzer dictionary of `target`, if it has one (`fuzz/dict/<target>.dict`).
pub fn dictionary_file(target: &str) -> PathBuf {
    expertpool_testkit::repo_root().join("fuzz/dict").join(format!("{target}.dict"))
}

/// Every file of a corpus folder, sorted by name.
pub fn read_corpus(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read the corpus {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files.into_iter().map(|p| (p.clone(), std::fs::read(&p).unwrap())).collect()
}

/// Seconds of mutation per target: `EXPERTPOOL_FUZZ_SECS`, 15 when unset.
pub fn budget() -> Duration {
    let secs = std::env::var("EXPERTPOOL_FUZZ_SECS").ok().and_then(|s| s.parse::<f64>().ok()).unwrap_or(15.0);
    Duration::from_secs_f64(secs.max(0.0))
}

/// The seed of the mutations: `EXPERTPOOL_FUZZ_SEED`, or the clock (printed, to replay).
fn seed() -> u64 {
    std::env::var("EXPERTPOOL_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(1)
    })
}

/// The longest one input may run before it counts as a hang: `EXPERTPOOL_FUZZ_HANG_SECS`, 20 s.
fn hang_limit() -> Duration {
    let secs = std::env::var("EXPERTPOOL_FUZZ_HANG_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(20);
    Duration::from_secs(secs)
}

/// Replays the corpus of `name` through `target`, then runs mutations of it for `budget`.
pub fn run(name: &str, target: fn(&[u8]), budget: Duration) -> Stats {
    let corpus = read_corpus(&corpus_dir(name));
    assert!(!corpus.is_empty(), "the corpus of {name} is empty: {}", corpus_dir(name).display());
    let dictionary = std::fs::read_to_string(dictionary_file(name)).map(|t| parse_dictionary(&t)).unwrap_or_default();
    let watch = Watchdog::start(name, hang_limit());
    for (path, input) in &corpus {
        watch.run(name, target, input, &format!("corpus file {}", path.display()));
    }
    let inputs: Vec<Vec<u8>> = corpus.into_iter().map(|(_, bytes)| bytes).collect();
    let seed = seed();
    let mut rng = Rng::new(seed);
    let started = Instant::now();
    let mut mutated = 0;
    while started.elapsed() < budget {
        let base = &inputs[rng.below(inputs.len())];
        let input = mutate(base, &inputs, &dictionary, crate::MAX_INPUT, &mut rng);
        watch.run(name, target, &input, &format!("mutation {mutated} of seed {seed}"));
        mutated += 1;
    }
    watch.stop();
    eprintln!("fuzz {name}: {} corpus files replayed, {mutated} mutations in {:?} (seed {seed})", inputs.len(), budget);
    Stats { replayed: inputs.len(), mutated }
}

/// Saves `input` where a developer can replay it, returning the path.
fn save_failure(name: &str, input: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join("expertpool-fuzz-failures");
    let _ = std::fs::create_dir_all(&dir);
    let hash = input.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3));
    let path = dir.join(format!("{name}-{hash:016x}"));
    let _ = std::fs::write(&path, input);
    path
}

/// Aborts the process when one input runs past the hang limit: a hung parser would
/// otherwise hold the test until CI's own timeout, without saying which input.
/// The input running now and since when.
type Current = Arc<Mutex<Option<(Instant, Vec<u8>)>>>;

struct Watchdog {
    current: Current,
    done: Arc<std::sync::atomic::AtomicBool>,
}

impl Watchdog {
    fn start(name: &str, limit: Duration) -> Watchdog {
        let current: Current = Arc::default();
        let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (c, d, name) = (current.clone(), done.clone(), name.to_string());
        std::thread::spawn(move || {
            while !d.load(std::sync::atomic::Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(200));
                let guard = c.lock().unwrap_or_else(|p| p.into_inner());
                if let Some((since, input)) = guard.as_ref()
                    && since.elapsed() > limit
                {
                    let path = save_failure(&name, input);
                    eprintln!("fuzz {name}: an input ran longer than {limit:?} (hang); saved as {}", path.display());
                    std::process::abort();
                }
            }
        });
        Watchdog { current, done }
    }

    fn run(&self, name: &str, target: fn(&[u8]), input: &[u8], what: &str) {
        *self.current.lock().unwrap_or_else(|p| p.into_inner()) = Some((Instant::now(), input.to_vec()));
        let outcome = catch_unwind(AssertUnwindSafe(|| target(input)));
        *self.current.lock().unwrap_or_else(|p| p.into_inner()) = None;
        if let Err(panic) = outcome {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            let path = save_failure(name, input);
            panic!(
                "fuzz {name}: {what} panicked: {message}\n  input saved as {}; minimise it with `cargo +nightly fuzz tmin {name} <file>` in fuzz/ and add it to the target's regression tests",
                path.display()
            );
        }
    }

    fn stop(self) {
        self.done.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}
