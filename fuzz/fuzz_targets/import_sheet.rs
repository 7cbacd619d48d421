#![no_main]

// `sheet::read` catches the panics calamine raises on some damaged workbooks and turns them
// into a message for the clerk; libFuzzer's hook would abort on those caught panics too. A
// panic that nobody catches still aborts the run (libfuzzer-sys checks the target's result).
libfuzzer_sys::fuzz_target!(
    init: std::panic::set_hook(Box::new(|_| {})),
    |data: &[u8]| expertpool_fuzz::targets::import_sheet(data)
);
