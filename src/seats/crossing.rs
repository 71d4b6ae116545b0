//! Where each seat changes hands as one party's share moves: a grid of projections brackets every seat, then false
//! position refines the brackets of the seats reported.
//!
//! The search runs on the distance t = |Δ| ≥ 0 in one direction, over [`Shift::range`]: up for the seats the party
//! does not win, down for those it wins.
//! 1. **Grid**: the scenario is projected (under its own model, raking included) at fixed distances, every half
//!    point to 2 points, then wider steps, and the end of the range; a seat's bracket is the last grid point where
//!    it has not changed hands and the first where it has (none: out of reach).
//! 2. **Selection**: seats whose bracket ends before the bracket of the N-th seat begins are certainly among the
//!    first N; the N-th seat's bracket is halved (one projection, shared by every seat in it) while too many seats
//!    share it.
//! 3. **Refinement**: in rounds, each selected seat proposes its next point by false position on its margin (the
//!    Illinois variant, bisecting after three rounds in a row that did not halve its bracket); the points of a
//!    round are projected in parallel and each narrows every selected bracket it falls in. A seat is done when its
//!    bracket is narrower than [`TOLERANCE`]; it falls at the bracket's upper end, the smallest distance seen where
//!    it has changed hands.
//!
//! A point costs the area swings and, when the plan rakes, one fit of the raking factors; the seats are then
//! projected one by one. A seat that changes hands back and forth within one grid step is placed at a crossing
//! inside the first step where the grid sees it changed.

use crate::baseline::Baseline;
use crate::party::{N_PARTIES, Party};
use crate::project::{self, Plan, Projection, Slots, Swing};
use rayon::prelude::*;

use super::shift::Shift;

/// Width (fractions of the vote) below which a bracket is done: 1e-7 percentage points.
pub const TOLERANCE: f64 = 1e-9;

/// Seats beyond the N-th that may be refined rather than split apart first.
const SLACK: usize = 4;

/// Rounds after which refinement stops whatever is left (never reached in practice: bisection alone would need 34).
const MAX_ROUNDS: usize = 100;

/// Grid distances (fractions), cut at the end of the range, which is added.
const GRID: [f64; 21] = [
    0.005, 0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.10, 0.125, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8,
    0.9,
];

/// Which way the party's share moves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Up: the seats it does not win, until it wins them.
    Gain,
    /// Down: the seats it wins, until it loses them.
    Defend,
}

/// A seat and the Δ (fraction, signed) at which it changes hands, and to whom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Crossing {
    pub seat: usize,
    pub delta: f64,
    pub to: Party,
}

/// The first N crossings in order, how many seats change hands within the range, and how many never do.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub crossings: Vec<Crossing>,
    pub within: usize,
    pub out_of_reach: usize,
    /// Δ at the end of the range searched.
    pub limit: f64,
}

/// The scenario projected at one Δ: each area's swing and raking factors.
struct State {
    swings: Vec<Swing>,
    alpha: Vec<Option<Slots>>,
}

/// A seat at one point: whether it has changed hands, its signed margin (> 0 once changed) and its winner.
#[derive(Clone, Copy, Debug)]
struct Point {
    flipped: bool,
    g: f64,
    winner: Party,
}

/// Everything a point needs: the plan, the shift and the direction.
struct Probe<'a> {
    baseline: &'a Baseline,
    plan: &'a Plan,
    shift: &'a Shift,
    dir: Direction,
}

impl Probe<'_> {
    fn delta(&self, t: f64) -> f64 {
        match self.dir {
            Direction::Gain => t,
            Direction::Defend => -t,
        }
    }

    /// The projection at distance `t`: swings for the shifted targets, and their raking factors when the plan rakes.
    fn state(&self, t: f64) -> State {
        let targets = self.shift.targets(self.delta(t));
        let swings = project::swings(self.plan, &targets);
        let alpha = if self.plan.rakes() {
            project::fit_with(self.baseline, self.plan, &swings, &targets).into_iter().map(|f| Some(f.alpha)).collect()
        } else {
            vec![None; self.plan.areas.len()]
        };
        State { swings, alpha }
    }

    /// Seat `k` at a state.
    fn at(&self, st: &State, k: usize) -> Point {
        let c = &self.baseline.seats[k];
        let s = project::seat_shares(self.baseline, self.plan, &st.swings, &st.alpha, k).unwrap_or(c.shares);
        self.point(&s, c.winner)
    }

    /// A seat with shares `s` (ties to `incumbent`).
    fn point(&self, s: &crate::party::PartyVec, incumbent: Party) -> Point {
        let p = self.shift.party.index();
        let winner = project::winner(s, incumbent);
        let other = (0..N_PARTIES).filter(|&i| i != p).map(|i| s[i]).fold(0.0, f64::max);
        let (flipped, g) = match self.dir {
            Direction::Gain => (winner.index() == p, s[p] - other),
            Direction::Defend => (winner.index() != p, other - s[p]),
        };
        let g = if flipped { g.max(f64::MIN_POSITIVE) } else { g.min(-f64::MIN_POSITIVE) };
        Point { flipped, g, winner }
    }
}

/// One seat's bracket: not yet changed at `lo`, changed at `hi`, with the margins there and the winner at `hi`.
#[derive(Clone, Debug)]
struct Bracket {
    seat: usize,
    lo: f64,
    glo: f64,
    hi: f64,
    ghi: f64,
    to: Party,
    /// The side the last update moved (true: `hi`), for the Illinois rule.
    moved_hi: Option<bool>,
    /// Width at the start of the round, and the rounds in a row that did not halve it (three: bisect once).
    before: f64,
    stalls: u8,
}

impl Bracket {
    /// Narrows the bracket with the point at `x` if it falls inside.
    fn update(&mut self, x: f64, pt: Point) {
        if !(x > self.lo && x < self.hi) {
            return;
        }
        let side = pt.flipped;
        if side {
            (self.hi, self.ghi, self.to) = (x, pt.g, pt.winner);
            if self.moved_hi == Some(true) {
                self.glo /= 2.0; // `lo` kept twice: Illinois halves its weight
            }
        } else {
            (self.lo, self.glo) = (x, pt.g);
            if self.moved_hi == Some(false) {
                self.ghi /= 2.0;
            }
        }
        self.moved_hi = Some(side);
    }

    /// The next point to try: false position, or the midpoint when that is unsafe or the bracket shrinks slowly.
    fn propose(&self) -> f64 {
        let mid = 0.5 * (self.lo + self.hi);
        if self.stalls >= 3 || self.hi - self.lo < 4.0 * TOLERANCE || !(self.glo < 0.0 && self.ghi > 0.0) {
            return mid;
        }
        let x = self.lo + (self.hi - self.lo) * (-self.glo / (self.ghi - self.glo));
        let guard = TOLERANCE / 4.0;
        if x.is_finite() { x.clamp(self.lo + guard, self.hi - guard) } else { mid }
    }

    fn open(&self) -> bool {
        self.hi - self.lo > TOLERANCE
    }
}

/// The crossings of `seats` (all moved, and all on the unchanged side at Δ = 0) as `shift` moves in `dir`: the
/// first `top` exactly, ordered, and the counts within and beyond the range.
pub fn search(
    baseline: &Baseline,
    plan: &Plan,
    central: &Projection,
    shift: &Shift,
    dir: Direction,
    seats: &[usize],
    top: usize,
) -> Found {
    let probe = Probe { baseline, plan, shift, dir };
    let (down, up) = shift.range();
    let end = match dir {
        Direction::Gain => up,
        Direction::Defend => -down,
    };
    let mut brackets = grid_brackets(&probe, central, seats, end);
    let within = brackets.len();
    select(&probe, &mut brackets, top);
    refine(&probe, &mut brackets);
    brackets.sort_by(|a, b| a.hi.total_cmp(&b.hi).then(a.seat.cmp(&b.seat)));
    brackets.truncate(top);
    Found {
        crossings: brackets.iter().map(|b| Crossing { seat: b.seat, delta: probe.delta(b.hi), to: b.to }).collect(),
        within,
        out_of_reach: seats.len() - within,
        limit: probe.delta(end),
    }
}

/// Projects the grid (in parallel) and gives every seat that changes hands within the range its first bracket.
fn grid_brackets(probe: &Probe, central: &Projection, seats: &[usize], end: f64) -> Vec<Bracket> {
    if end <= 0.0 {
        return vec![];
    }
    let mut ts: Vec<f64> = GRID.iter().copied().filter(|t| *t < end - 1e-12).collect();
    ts.push(end);
    let points: Vec<Vec<Point>> = ts
        .par_iter()
        .map(|&t| {
            let st = probe.state(t);
            seats.iter().map(|&k| probe.at(&st, k)).collect()
        })
        .collect();
    let mut out = Vec::new();
    for (j, &k) in seats.iter().enumerate() {
        let start = probe.point(&central.shares[k], probe.baseline.seats[k].winner);
        let Some(i) = points.iter().position(|row| row[j].flipped) else { continue };
        let (lo, glo) = if i == 0 { (0.0, start.g) } else { (ts[i - 1], points[i - 1][j].g) };
        let hi = &points[i][j];
        out.push(Bracket {
            seat: k,
            lo,
            glo,
            hi: ts[i],
            ghi: hi.g,
            to: hi.winner,
            moved_hi: None,
            before: ts[i] - lo,
            stalls: 0,
        });
    }
    out
}

/// Keeps the seats that can be among the first `top`, halving the bracket of the `top`-th seat while too many
/// seats share it.
fn select(probe: &Probe, brackets: &mut Vec<Bracket>, top: usize) {
    for _ in 0..64 {
        brackets.sort_by(|a, b| a.hi.total_cmp(&b.hi).then(a.lo.total_cmp(&b.lo)).then(a.seat.cmp(&b.seat)));
        if brackets.len() <= top || top == 0 {
            brackets.truncate(top);
            return;
        }
        let (lo, hi) = (brackets[top - 1].lo, brackets[top - 1].hi);
        let keep = brackets.iter().take_while(|b| b.hi <= hi).count();
        if keep <= top + SLACK || hi - lo <= 2.0 * TOLERANCE {
            brackets.truncate(keep);
            return;
        }
        let mid = 0.5 * (lo + hi);
        let st = probe.state(mid);
        for b in brackets.iter_mut().filter(|b| b.lo < mid && mid < b.hi) {
            b.update(mid, probe.at(&st, b.seat));
            b.moved_hi = None;
            b.before = b.hi - b.lo;
        }
    }
    let keep = brackets.len().min(top + SLACK);
    brackets.truncate(keep);
}

/// Rounds of false position until every bracket is narrower than [`TOLERANCE`].
fn refine(probe: &Probe, brackets: &mut [Bracket]) {
    for _ in 0..MAX_ROUNDS {
        let mut xs: Vec<f64> = brackets.iter().filter(|b| b.open()).map(Bracket::propose).collect();
        if xs.is_empty() {
            return;
        }
        xs.sort_by(f64::total_cmp);
        xs.dedup();
        let states: Vec<State> = xs.par_iter().map(|&x| probe.state(x)).collect();
        for b in brackets.iter_mut().filter(|b| b.open()) {
            b.before = b.hi - b.lo;
        }
        for (x, st) in xs.iter().zip(&states) {
            for b in brackets.iter_mut().filter(|b| b.lo < *x && *x < b.hi) {
                b.update(*x, probe.at(st, b.seat));
            }
        }
        for b in brackets.iter_mut() {
            b.stalls = if b.stalls < 3 && b.hi - b.lo > 0.5 * b.before { b.stalls + 1 } else { 0 };
        }
    }
}
