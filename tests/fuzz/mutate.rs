//! The mutation operators on a text input: bytes, lines, numbers, keys and columns, BOM and CRLF.

use rand::RngExt;
use rand::rngs::Xoshiro256PlusPlus as Rng;

/// Numbers written in place of a real one: zero, negative, overflowing, not-a-number, huge digit strings.
pub const EXTREMES: [&str; 20] = [
    "0",
    "-1",
    "1e308",
    "1e155",
    "-1e155",
    "9223372036854775808",
    "18446744073709551616",
    "NaN",
    "nan",
    "inf",
    "-inf",
    "1e-320",
    "4294967296",
    "100000001",
    "-0",
    "0.5",
    "1e3",
    "99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999",
    "340282366920938463463374607431768211456",
    "0x10",
];

/// Tokens inserted at random: the syntax of TOML and CSV, control characters, long runs.
const TOKENS: [&str; 16] =
    ["\"", ",", "=", "[", "]", "[[", "{", "}", "#", "\n", "\r", "\0", "\u{1b}[31m", "é", "'''", "\"\"\"\n"];

/// One operator, chosen at random, applied to `input`; `keys` are names worth swapping in (columns, keys).
pub fn once(rng: &mut Rng, input: &mut Vec<u8>, keys: &[&str]) {
    match rng.random_range(0..14) {
        0 => flip_byte(rng, input),
        1 => lines(rng, input, |rng, v| drop(v.remove(rng.random_range(0..v.len())))),
        2 => lines(rng, input, |rng, v| {
            let i = rng.random_range(0..v.len());
            v.insert(i, v[i].clone())
        }),
        3 => lines(rng, input, |rng, v| {
            let (i, j) = (rng.random_range(0..v.len()), rng.random_range(0..v.len()));
            v.swap(i, j)
        }),
        4..=6 => extreme_number(rng, input),
        7 => rename(rng, input, keys),
        8 => columns(rng, input),
        9 => input.splice(0..0, [0xEF, 0xBB, 0xBF]).for_each(drop),
        10 => *input = String::from_utf8_lossy(input).replace('\n', "\r\n").into_bytes(),
        11 => insert_any(rng, input, &TOKENS),
        12 => input.truncate(rng.random_range(0..=input.len())),
        _ => insert_any(rng, input, keys),
    }
}

/// A random position in `input` (0 when it is empty).
fn position(rng: &mut Rng, input: &[u8]) -> usize {
    rng.random_range(0..=input.len())
}

/// One of `choices` (if any) inserted at a random position.
fn insert_any(rng: &mut Rng, input: &mut Vec<u8>, choices: &[&str]) {
    if choices.is_empty() {
        return;
    }
    let token = choices[rng.random_range(0..choices.len())];
    let at = position(rng, input);
    input.splice(at..at, token.bytes()).for_each(drop);
}

/// A random byte replaced, bit-flipped or removed.
fn flip_byte(rng: &mut Rng, input: &mut Vec<u8>) {
    if input.is_empty() {
        return input.push(rng.random());
    }
    let i = rng.random_range(0..input.len());
    match rng.random_range(0..3) {
        0 => input[i] = rng.random(),
        1 => input[i] ^= 1 << rng.random_range(0..8),
        _ => drop(input.remove(i)),
    }
}

/// Applies `op` to the lines of `input` (split on `\n`, kept as bytes), if there are any.
fn lines(rng: &mut Rng, input: &mut Vec<u8>, op: impl FnOnce(&mut Rng, &mut Vec<Vec<u8>>)) {
    let mut v: Vec<Vec<u8>> = input.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
    if v.is_empty() {
        return;
    }
    op(rng, &mut v);
    *input = v.join(&b'\n');
}

/// The number nearest after a random position (a run of digits, signs, dots and letters) set to an extreme.
fn extreme_number(rng: &mut Rng, input: &mut Vec<u8>) {
    let start = position(rng, input);
    let Some(digit) = input[start..].iter().position(u8::is_ascii_digit).map(|d| start + d) else {
        return insert_any(rng, input, &EXTREMES);
    };
    let in_number = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'+' | b'_');
    let from = input[..digit].iter().rposition(|b| !in_number(b)).map_or(0, |p| p + 1);
    let to = input[digit..].iter().position(|b| !in_number(b)).map_or(input.len(), |p| digit + p);
    let value = EXTREMES[rng.random_range(0..EXTREMES.len())];
    input.splice(from..to, value.bytes()).for_each(drop);
}

/// A key or column name replaced by another known one, or changed by a character, or duplicated.
fn rename(rng: &mut Rng, input: &mut Vec<u8>, keys: &[&str]) {
    let text = String::from_utf8_lossy(input).into_owned();
    let present: Vec<&&str> = keys.iter().filter(|k| text.contains(**k)).collect();
    if present.is_empty() {
        return flip_byte(rng, input);
    }
    let old = *present[rng.random_range(0..present.len())];
    let new = match rng.random_range(0..3) {
        0 => keys[rng.random_range(0..keys.len())].to_string(),
        1 => old.to_uppercase(),
        _ => format!("{old}{old}"),
    };
    *input = text.replacen(old, &new, 1).into_bytes();
}

/// A CSV column deleted, duplicated or moved, in every row.
fn columns(rng: &mut Rng, input: &mut Vec<u8>) {
    let text = String::from_utf8_lossy(input).into_owned();
    let width = text.lines().next().map_or(0, |h| h.split(',').count());
    if width == 0 {
        return;
    }
    let (c, to, op) = (rng.random_range(0..width), rng.random_range(0..width), rng.random_range(0..3));
    let rows = text.split('\n').map(|line| {
        let mut cells: Vec<&str> = line.split(',').collect();
        if c < cells.len() {
            match op {
                0 => drop(cells.remove(c)),
                1 => cells.insert(c, cells[c]),
                _ => {
                    let cell = cells.remove(c);
                    cells.insert(to.min(cells.len()), cell)
                }
            }
        }
        cells.join(",")
    });
    *input = rows.collect::<Vec<_>>().join("\n").into_bytes();
}
