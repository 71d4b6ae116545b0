//! Labels along one axis pushed apart to a minimum gap, keeping their order and staying within bounds.

/// Positions for labels wanted at `wanted` (pixels, already in the order they must keep, top to bottom): each label
/// at least `gap` below the one before, as close to where it is wanted as the gaps allow, and inside `[lo, hi]`
/// whenever they fit (`(n − 1) · gap ≤ hi − lo`); when they do not, they start at `lo` and keep their gaps.
///
/// Labels that would overlap are moved as a block centred on where its labels are wanted (the mean of their
/// wanted positions less their offsets in the block), then the block is moved inside the bounds; blocks that
/// then overlap merge, until none do.
pub fn spread(wanted: &[i32], gap: i32, (lo, hi): (i32, i32)) -> Vec<i32> {
    let gap = gap.max(0);
    // Blocks as (first label, number of labels, top position).
    let mut blocks: Vec<(usize, usize, i32)> = Vec::new();
    for i in 0..wanted.len() {
        let mut block = (i, 1, place(&wanted[i..=i], gap, (lo, hi)));
        while let Some(&(first, len, top)) = blocks.last() {
            if top + len as i32 * gap <= block.2 {
                break;
            }
            blocks.pop();
            let len = len + block.1;
            block = (first, len, place(&wanted[first..first + len], gap, (lo, hi)));
        }
        blocks.push(block);
    }
    blocks.into_iter().flat_map(|(_, len, top)| (0..len as i32).map(move |k| top + k * gap)).collect()
}

/// The top position of one block of labels: the mean of their wanted positions less their offsets, moved inside
/// `[lo, hi − (n − 1) · gap]` (to `lo` when that range is empty).
fn place(wanted: &[i32], gap: i32, (lo, hi): (i32, i32)) -> i32 {
    let n = wanted.len() as i64;
    let sum: i64 = wanted.iter().enumerate().map(|(k, &w)| w as i64 - k as i64 * gap as i64).sum();
    let mean = (sum as f64 / n as f64).round() as i32;
    mean.min(hi - (n as i32 - 1) * gap).max(lo)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn close_labels_move_apart_around_where_they_are_wanted() {
        // Apart already: unchanged.
        assert_eq!(spread(&[100, 200, 300], 22, (0, 1000)), vec![100, 200, 300]);
        // Two labels 2 pixels apart move 10 pixels each, keeping their order.
        assert_eq!(spread(&[500, 502], 22, (0, 1000)), vec![490, 512]);
        // Against the bottom bound the block is lifted: 998 and 1000 become 978 and 1000.
        assert_eq!(spread(&[998, 1000], 22, (0, 1000)), vec![978, 1000]);
        // A block pushed up by the bound meets the label above and takes it in.
        assert_eq!(spread(&[950, 990, 995, 1000], 22, (0, 1000)), vec![934, 956, 978, 1000]);
        // Too many to fit: from the top, gaps kept.
        assert_eq!(spread(&[5, 5, 5], 10, (0, 15)), vec![0, 10, 20]);
        assert_eq!(spread(&[], 10, (0, 15)), Vec::<i32>::new());
    }

    proptest! {
        #[test]
        fn labels_keep_their_order_and_gaps_and_stay_inside_when_they_fit(
            wanted in prop::collection::vec(-200i32..1200, 0..12),
            gap in 0i32..60,
            lo in -50i32..100,
            span in 0i32..1000,
        ) {
            // Any order in: the labels come out in the order given, each at least `gap` below the one before.
            let hi = lo + span;
            let got = spread(&wanted, gap, (lo, hi));
            prop_assert_eq!(got.len(), wanted.len());
            for w in got.windows(2) {
                prop_assert!(w[1] - w[0] >= gap, "{:?}", got);
            }
            let fits = (wanted.len().max(1) as i32 - 1) * gap <= hi - lo;
            if fits {
                prop_assert!(got.iter().all(|&p| (lo..=hi).contains(&p)), "{:?} outside [{lo}, {hi}]", got);
            } else {
                prop_assert_eq!(got[0], lo);
            }
            // Labels already in order, apart and inside stay where they are wanted.
            let apart = wanted.windows(2).all(|w| w[1] - w[0] >= gap);
            if apart && wanted.iter().all(|&p| (lo..=hi).contains(&p)) {
                prop_assert_eq!(&got, &wanted);
            }
        }
    }
}
