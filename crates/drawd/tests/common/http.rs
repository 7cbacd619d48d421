//! A small blocking HTTP/1.1 client over a std TCP stream, with keep-alive: enough for
//! the loopback tests and the load generator, without pulling in a client library.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

pub struct Conn {
    addr: SocketAddr,
    reader: Option<BufReader<TcpStream>>,
}

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

impl Conn {
    pub fn new(addr: SocketAddr) -> Conn {
        Conn { addr, reader: None }
    }

    fn stream(&mut self) -> std::io::Result<&mut BufReader<TcpStream>> {
        if self.reader.is_none() {
            let s = TcpStream::connect_timeout(&self.addr, Duration::from_secs(5))?;
            s.set_read_timeout(Some(Duration::from_secs(20)))?;
            s.set_nodelay(true)?;
            self.reader = Some(BufReader::new(s));
        }
        Ok(self.reader.as_mut().expect("just set"))
    }

    /// Sends one request; on a broken kept-alive connection, reconnects once.
    pub fn send(
        &mut self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&str>,
    ) -> std::io::Result<Reply> {
        match self.try_send(method, path, token, body) {
            Ok(r) => Ok(r),
            Err(_) if self.reader.is_some() => {
                self.reader = None;
                self.try_send(method, path, token, body)
            }
            Err(e) => Err(e),
        }
    }

    fn try_send(
        &mut self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&str>,
    ) -> std::io::Result<Reply> {
        let mut req = format!("{method} {path} HTTP/1.1\r\nHost: test\r\n");
        if let Some(t) = token {
            req.push_str(&format!("Authorization: Bearer {t}\r\n"));
        }
        let body = body.unwrap_or("");
        if !body.is_empty() {
            req.push_str("Content-Type: application/json\r\n");
        }
        req.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
        let r = match self.stream() {
            Ok(r) => r,
            Err(e) => {
                self.reader = None;
                return Err(e);
            }
        };
        let result = (|| {
            r.get_mut().write_all(req.as_bytes())?;
            let mut line = String::new();
            if r.read_line(&mut line)? == 0 {
                return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "connection closed"));
            }
            let status: u16 = line.split_whitespace().nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
            let mut len = 0usize;
            let mut close = false;
            loop {
                line.clear();
                r.read_line(&mut line)?;
                let l = line.trim_end();
                if l.is_empty() {
                    break;
                }
                let lower = l.to_ascii_lowercase();
                if let Some(v) = lower.strip_prefix("content-length:") {
                    len = v.trim().parse().unwrap_or(0);
                }
                if lower.starts_with("connection:") && lower.contains("close") {
                    close = true;
                }
            }
            let mut buf = vec![0u8; len];
            r.read_exact(&mut buf)?;
            Ok((Reply { status, body: String::from_utf8_lossy(&buf).into_owned() }, close))
        })();
        match result {
            Ok((reply, close)) => {
                if close {
                    self.reader = None;
                }
                Ok(reply)
            }
            Err(e) => {
                self.reader = None;
                Err(e)
            }
        }
    }
}
