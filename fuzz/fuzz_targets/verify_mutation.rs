#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| expertpool_fuzz::targets::verify_mutation(data));
