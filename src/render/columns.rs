//! Column widths of a table from its cells' content, shared by the PDF (in points) and the
//! HTML (in characters, as percentages), so that both formats shape a table alike.

/// Widths filling `width`, from each column's narrowest possible width (its widest word,
/// plus padding) and its natural width (its longest cell on one line, plus padding).
///
/// A table that fits on one line per cell shares the spare width equally. Otherwise each
/// column gets its widest word and the rest is shared in proportion to how much more its
/// longest cell would take. When the widest words alone are too wide, a column keeps its
/// widest word only up to an equal share, so that one long reference cannot squeeze every
/// other column into letters (words longer than their column are then cut).
pub fn widths(mut min: Vec<f32>, max: &[f32], width: f32) -> Vec<f32> {
    let columns = min.len().max(1) as f32;
    let sum_max: f32 = max.iter().sum();
    if sum_max <= width {
        let extra = (width - sum_max) / columns;
        return max.iter().map(|m| m + extra).collect();
    }
    if min.iter().sum::<f32>() > width {
        let fair = width / columns;
        for m in &mut min {
            *m = m.min(fair);
        }
    }
    let sum_min: f32 = min.iter().sum();
    let share = (width - sum_min).max(0.0) / (sum_max - sum_min).max(0.01);
    min.iter()
        .zip(max)
        .map(|(lo, hi)| lo + (hi - lo).max(0.0) * share)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::widths;

    #[test]
    fn widths_fill_the_width_and_keep_words_whole_when_they_can() {
        let fits = widths(vec![10.0, 20.0], &[30.0, 40.0], 100.0);
        assert_eq!(fits, vec![45.0, 55.0]);
        let wraps = widths(vec![10.0, 20.0], &[100.0, 40.0], 100.0);
        assert!((wraps.iter().sum::<f32>() - 100.0).abs() < 0.01);
        assert!(wraps[0] >= 10.0 && wraps[1] >= 20.0, "{wraps:?}");
        let cut = widths(vec![90.0, 10.0, 10.0], &[90.0, 50.0, 10.0], 60.0);
        assert!((cut.iter().sum::<f32>() - 60.0).abs() < 0.01, "{cut:?}");
        assert!(cut[1] >= 10.0 && cut[2] >= 10.0, "{cut:?}");
    }
}
