//! Every request body of the draw service, through the parser the handlers use
//! (`body::parse`, strict JSON, one value) and then the validation each handler applies,
//! against the draw service's test instance and a fixed clock.

use expertpool_drawd::fuzzing::{RunBody, parse_beacon, parse_body};
use expertpool_drawd::{
    ApiError, Clock, CreateBody, DirectedBody, Directory, ResponseBody, validate_create, validate_directed,
    validate_response,
};
use std::sync::OnceLock;

fn directory() -> &'static Directory {
    static DIRECTORY: OnceLock<Directory> = OnceLock::new();
    DIRECTORY
        .get_or_init(|| Directory::load(&expertpool_testkit::repo_root().join("crates/drawd/tests/fixtures/instance")))
}

/// The largest count a creation may ask for (the service's default limit).
const MAX_COUNT: u32 = 50;

/// First byte: which endpoint (create, run, responses, directed); the rest: the body.
///
/// Properties: no panic; a refusal is an [`ApiError`] that becomes a response.
pub fn api_bodies(data: &[u8]) {
    let Some((&endpoint, body)) = data.split_first() else { return };
    if body.len() > crate::MAX_INPUT {
        return;
    }
    let clock = Clock::manual("2026-11-23T02:00:00Z".parse().expect("a timestamp"));
    let outcome: Result<(), ApiError> = match endpoint % 4 {
        0 => parse_body::<CreateBody>(body)
            .and_then(|b| validate_create(b, directory(), &clock, MAX_COUNT, false).map(drop)),
        1 => parse_body::<RunBody>(body).and_then(|b| parse_beacon(b.beacon_value.as_deref()).map(drop)),
        2 => parse_body::<ResponseBody>(body).and_then(|b| validate_response(&b).map(drop)),
        _ => parse_body::<DirectedBody>(body).and_then(|mut b| {
            // The handler fills in the pool of the draw named in the path.
            b.pool.get_or_insert_with(|| "zhineng".into());
            validate_directed(b, directory(), &clock).map(drop)
        }),
    };
    if let Err(error) = outcome {
        let _ = error.to_string();
        let _ = axum::response::IntoResponse::into_response(error);
    }
}
