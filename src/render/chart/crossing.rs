//! Where a seat curve of the swing sweep is at or above a seat line, its ends interpolated linearly between steps.

/// The x where the straight segment from `(x0, y0)` to `(x1, y1)` reaches `line` (`y0 != y1`, `line` between them).
pub fn crossing((x0, y0): (f64, u32), (x1, y1): (f64, u32), line: u32) -> f64 {
    let t = (line as f64 - y0 as f64) / (y1 as f64 - y0 as f64);
    x0 + t * (x1 - x0)
}

/// The stretches of x (ascending) where the curve through `(x[i], seats[i])` is at or above `line`, each as
/// `(from, to)`: an end of a stretch is the x where the segment between two steps crosses `line` (so a count of 329
/// at −8.0 and 325 at −7.5 crosses 326 at −7.625), or the first or last x when the curve is already above there.
/// A stretch of one step, with the curve below on both sides, runs between its two crossings.
pub fn runs_at_or_above(x: &[f64], seats: &[u32], line: u32) -> Vec<(f64, f64)> {
    let n = x.len().min(seats.len());
    let above = |i: usize| seats[i] >= line;
    let mut runs = Vec::new();
    let mut i = 0;
    while i < n {
        if !above(i) {
            i += 1;
            continue;
        }
        let start = i;
        while i + 1 < n && above(i + 1) {
            i += 1;
        }
        let from =
            if start == 0 { x[0] } else { crossing((x[start - 1], seats[start - 1]), (x[start], seats[start]), line) };
        let to = if i + 1 == n { x[i] } else { crossing((x[i], seats[i]), (x[i + 1], seats[i + 1]), line) };
        runs.push((from, to));
        i += 1;
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_falling_count_crosses_the_line_between_its_steps() {
        // Con in the 2018 sweep: 329 seats at a Lab lead of −8.0, 325 at −7.5; 326 is 3/4 of the way down.
        assert_eq!(crossing((-8.0, 329), (-7.5, 325), 326), -7.625);
        // Lab: 325 at +11.0, 326 at +11.5: the line is reached at the step itself.
        assert_eq!(crossing((11.0, 325), (11.5, 326), 326), 11.5);
        // Rising by 10 over a step of 0.5 from 320: 326 is 6/10 of the way.
        assert!((crossing((2.0, 320), (2.5, 330), 326) - 2.3).abs() < 1e-12);
    }

    #[test]
    fn runs_start_and_end_at_the_crossings_or_the_ends_of_the_sweep() {
        let x = [-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0];
        // Above at the left end, below, one step above, below, above at the right end.
        let seats = [330, 322, 318, 328, 320, 326, 340];
        let runs = runs_at_or_above(&x, &seats, 326);
        // 330→322 crosses 326 half-way; 318→328 at 0.8 of the step; 328→320 at 0.25; 320→326 at the step.
        assert_eq!(runs, vec![(-1.0, -0.75), (0.4, 0.625), (1.5, 2.0)]);
        assert_eq!(runs_at_or_above(&x, &[300; 7], 326), vec![]);
        assert_eq!(runs_at_or_above(&x, &[326; 7], 326), vec![(-1.0, 2.0)]);
        assert_eq!(runs_at_or_above(&[], &[], 326), vec![]);
    }
}
