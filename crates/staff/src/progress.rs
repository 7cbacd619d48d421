//! Progress on long runs: a bar when stderr is a terminal, a few plain lines otherwise
//! (so logs of scheduled runs stay readable).

use std::io::IsTerminal;

/// A progress report on stderr for a long run.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    label: String,
    total: u64,
    done: u64,
    next_line: u64,
    plain: bool,
}

impl Progress {
    /// Silent below `min_total` items: small tables need no progress report.
    pub fn new(label: &str, total: u64, min_total: u64) -> Progress {
        let visible = total >= min_total;
        let terminal = std::io::stderr().is_terminal();
        let bar = (visible && terminal).then(|| {
            let bar = indicatif::ProgressBar::new(total);
            if let Ok(style) = indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta})") {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message(label.to_string());
            bar
        });
        Progress { bar, label: label.to_string(), total, done: 0, next_line: total / 10, plain: visible && !terminal }
    }

    /// A progress reporter that never prints (tests, library callers).
    pub fn hidden() -> Progress {
        Progress { bar: None, label: String::new(), total: 0, done: 0, next_line: u64::MAX, plain: false }
    }

    /// Counts `n` more items done.
    pub fn inc(&mut self, n: u64) {
        self.done += n;
        if let Some(bar) = &self.bar {
            bar.inc(n);
        } else if self.plain && self.done >= self.next_line && self.done < self.total {
            eprintln!(
                "{}",
                expertpool_i18n::t!("staff-progress", label = self.label, done = self.done, total = self.total)
            );
            self.next_line = self.done + self.total / 10;
        }
    }

    /// Clears the bar, or prints the last plain line.
    pub fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        } else if self.plain {
            eprintln!(
                "{}",
                expertpool_i18n::t!("staff-progress-done", label = self.label, done = self.done, total = self.total)
            );
        }
    }
}
