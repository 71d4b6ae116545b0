use rand::{Rng, SeedableRng};
use rand_distr::{Distribution, StandardNormal};
use std::time::Instant;
fn main() {
    let mut r = rand::rngs::Xoshiro256PlusPlus::seed_from_u64(1);
    let n = 100_000_000;
    let t = Instant::now();
    let mut s = 0.0;
    for _ in 0..n {
        let x: f64 = StandardNormal.sample(&mut r);
        s += x;
    }
    println!("normal {:.2} ns {s}", t.elapsed().as_nanos() as f64 / n as f64);
    let t = Instant::now();
    let mut u = 0u64;
    for _ in 0..n {
        u ^= r.next_u64();
    }
    println!("u64 {:.2} ns {u}", t.elapsed().as_nanos() as f64 / n as f64);
    let mut buf = vec![0.0f64; 1024];
    let t = Instant::now();
    for _ in 0..n / 1024 {
        for b in buf.iter_mut() {
            *b = StandardNormal.sample(&mut r);
        }
        std::hint::black_box(&buf);
    }
    println!("normal buf {:.2} ns", t.elapsed().as_nanos() as f64 / n as f64);
}
