//! Tables: the plain-text reports printed on stdout, one module per command's subject.
