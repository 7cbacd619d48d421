//! The public log file, streamed: entries read from the journal by offset up to a size
//! fixed when the export starts, with the kept checkpoint signed for that size. Readers'
//! lock is held only to copy a chunk of offsets and to look up which draws are revealed,
//! never while reading the file or sending, so an export stalls neither the writer nor
//! other readers, and its memory is one chunk whatever the size of the log.

use std::borrow::Cow;
use std::io::Write;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::service::Service;

/// Entries read per chunk.
const CHUNK: usize = 256;
/// Bytes sent per frame of a streamed export.
const FRAME: usize = 64 * 1024;

/// A journal line with its fields as written, in the order the public file lists them
/// (alphabetical, as the in-memory export always serialised them).
#[derive(Serialize, Deserialize)]
struct Line<'a> {
    #[serde(borrow)]
    actor: &'a RawValue,
    #[serde(borrow)]
    body: &'a RawValue,
    #[serde(borrow)]
    draw: Cow<'a, str>,
    #[serde(borrow)]
    kind: &'a RawValue,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    payload: Option<&'a RawValue>,
    #[serde(borrow)]
    prev: &'a RawValue,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    sealed: Option<&'a RawValue>,
    seq: u64,
    #[serde(borrow)]
    time: &'a RawValue,
}

/// Writes the public log of the service's current size to `out`.
pub fn write(s: &Service, out: &mut dyn Write) -> std::io::Result<()> {
    write_parts(&s.shared, &s.identity, out).map(|_| ())
}

/// [`write`] from the readers' state and the identity (for the publisher, which runs
/// without a `Service`); returns the number of entries written.
pub(crate) fn write_parts(
    shared: &std::sync::RwLock<crate::service::Shared>,
    id: &crate::identity::Identity,
    out: &mut dyn Write,
) -> std::io::Result<u64> {
    let (size, note, reader) = {
        let sh = shared.read().unwrap_or_else(|p| p.into_inner());
        let head = sh.head.clone().ok_or_else(|| std::io::Error::other("no checkpoint kept"))?;
        (head.size, head.note, sh.reader.clone())
    };
    out.write_all(b"{\"checkpoints\":")?;
    serde_json::to_writer(&mut *out, &[&note])?;
    out.write_all(b",\"entries\":[")?;
    let mut seq = 0u64;
    while seq < size {
        let end = (seq + CHUNK as u64).min(size);
        let offsets: Vec<u64> = {
            let sh = shared.read().unwrap_or_else(|p| p.into_inner());
            sh.offsets[seq as usize..=end as usize].to_vec()
        };
        let reader = reader.as_ref().ok_or_else(|| std::io::Error::other("no journal"))?;
        let bytes = reader.bytes(offsets[0], offsets[offsets.len() - 1])?;
        let base = offsets[0];
        let mut lines = Vec::with_capacity(CHUNK);
        for w in offsets.windows(2) {
            let text = &bytes[(w[0] - base) as usize..(w[1] - base - 1) as usize];
            let line: Line<'_> = serde_json::from_slice(text).map_err(std::io::Error::other)?;
            lines.push(line);
        }
        // Payloads only of draws revealed within the exported size.
        let revealed: Vec<bool> = {
            let sh = shared.read().unwrap_or_else(|p| p.into_inner());
            lines
                .iter()
                .map(|l| {
                    l.payload.is_some() && sh.log.draw(&l.draw).and_then(|d| d.reveal_seq).is_some_and(|r| r < size)
                })
                .collect()
        };
        for (mut line, show) in lines.into_iter().zip(revealed) {
            if !show {
                line.payload = None;
            }
            if line.seq > 0 {
                out.write_all(b",")?;
            }
            serde_json::to_writer(&mut *out, &line)?;
        }
        seq = end;
    }
    out.write_all(b"],\"format\":")?;
    serde_json::to_writer(&mut *out, &serde_json::json!(expertpool_draw::LOG_FORMAT))?;
    write!(out, ",\"key_name\":")?;
    serde_json::to_writer(&mut *out, &id.key_name)?;
    write!(out, ",\"origin\":")?;
    serde_json::to_writer(&mut *out, &id.origin)?;
    write!(out, ",\"public_key\":\"{}\"", hex::encode(id.public_key()))?;
    // The latest checkpoint each witness cosigned within this size (docs/draw-protocol.md §5.7).
    let data = shared.read().unwrap_or_else(|p| p.into_inner()).checkpoints.parent().map(std::path::Path::to_path_buf);
    let witnesses = crate::cosign::export_section(&data.unwrap_or_default(), size)?;
    write!(out, ",\"witnesses\":")?;
    serde_json::to_writer(&mut *out, &witnesses)?;
    out.write_all(b"}")?;
    out.flush()?;
    Ok(size)
}

/// Frames handed from the blocking writer to the response body, a few at a time.
struct Frames {
    tx: tokio::sync::mpsc::Sender<std::io::Result<bytes::Bytes>>,
    buf: Vec<u8>,
}

impl Write for Frames {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(b);
        if self.buf.len() >= FRAME {
            self.flush()?;
        }
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = bytes::Bytes::from(std::mem::take(&mut self.buf));
        // The client went away: stop reading the journal.
        self.tx.blocking_send(Ok(chunk)).map_err(|_| std::io::Error::other("client gone"))
    }
}

/// The response body of a streamed export.
pub struct ExportBody {
    rx: tokio::sync::mpsc::Receiver<std::io::Result<bytes::Bytes>>,
}

impl http_body::Body for ExportBody {
    type Data = bytes::Bytes;
    type Error = std::io::Error;
    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<bytes::Bytes>, std::io::Error>>> {
        self.rx.poll_recv(cx).map(|o| o.map(|r| r.map(http_body::Frame::data)))
    }
}

/// Starts streaming the export on a blocking thread; at most four frames wait in memory.
pub fn stream(s: Arc<Service>) -> ExportBody {
    let (tx, rx) = tokio::sync::mpsc::channel(4);
    tokio::task::spawn_blocking(move || {
        let mut frames = Frames { tx: tx.clone(), buf: Vec::with_capacity(FRAME * 2) };
        if let Err(e) = write(&s, &mut frames) {
            tracing::warn!("log export stopped: {e}");
            let _ = tx.blocking_send(Err(e));
        }
    });
    ExportBody { rx }
}
