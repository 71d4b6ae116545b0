//! The instruction set the kernel runs on: the widest vector unit the CPU has, detected once at run time.
//!
//! The kernel is compiled once per instruction set from the same source. Every variant does the same IEEE
//! operations in the same order (Rust never fuses a multiply and an add on its own), so all give bit-identical
//! results: the choice changes the speed, never a number.

use std::fmt;

/// A compiled variant of the kernel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Isa {
    /// The baseline of the target (SSE2 on x86-64).
    Generic,
    /// AVX2 with FMA, BMI and LZCNT (x86-64-v3).
    Avx2,
    /// AVX-512 F/DQ/VL/BW on top of AVX2 (x86-64-v4).
    Avx512,
}

impl Isa {
    /// The fastest variant this CPU can run.
    pub fn detect() -> Isa {
        *Isa::available().last().expect("the generic variant always runs")
    }

    /// The variant named `name` (as printed), if this CPU runs it.
    pub fn named(name: &str) -> Option<Isa> {
        Isa::available().into_iter().find(|isa| isa.to_string() == name)
    }

    /// Every variant this CPU can run, slowest first.
    pub fn available() -> Vec<Isa> {
        #[cfg_attr(not(target_arch = "x86_64"), allow(unused_mut))]
        let mut out = vec![Isa::Generic];
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::is_x86_feature_detected as has;
            let v3 = has!("avx2") && has!("fma") && has!("bmi1") && has!("bmi2") && has!("lzcnt") && has!("popcnt");
            if v3 {
                out.push(Isa::Avx2);
                if has!("avx512f") && has!("avx512dq") && has!("avx512vl") && has!("avx512bw") {
                    out.push(Isa::Avx512);
                }
            }
        }
        out
    }
}

impl fmt::Display for Isa {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Isa::Generic => "generic",
            Isa::Avx2 => "avx2",
            Isa::Avx512 => "avx512",
        })
    }
}
