//! CSV: the comma-separated outputs for pandas and R, one module per subject.
