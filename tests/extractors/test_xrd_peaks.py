"""XRD peaks as patent claims write them: windows, negations, one ± for a list.
Expected positions by hand: a window A° to B° is a peak at (A+B)/2 ± (B−A)/2."""

from __future__ import annotations

import pytest

from matmine.extractors.xrd_peaks import find_peaks


@pytest.mark.parametrize(("text", "peaks"), [
    ("peaks are present within all ranges of diffraction angles 2θ of 15.1° to 15.8°, "
     "27.3° to 29.5°, and 30.2° to 31.0°.", [(15.45, 0.35), (28.4, 1.1), (30.6, 0.4)]),
    ("peaks in a range of diffraction angles 2θ of 30° or more and 33° or less",
     [(31.5, 1.5)]),
    ("having peaks at 2θ = 25.19°, 29.62°, 30.97°, 44.37° and 52.07° ± 0.50°",
     [(25.19, 0.5), (29.62, 0.5), (30.97, 0.5), (44.37, 0.5), (52.07, 0.5)]),
    ("peaks at 2θ = 17.38, 20.18 and 29.58° (±0.50°)", [(17.38, 0.5), (20.18, 0.5), (29.58, 0.5)]),
    ("a peak at 2θ = 29.58° ± 0.50°", [(29.58, 0.5)]),
    # no peaks
    ("It does not have a peak at 2θ = 27.33°.", []),
    ("The XRD patterns were scanned in the 2θ range 10–80°.", []),
    ("A peak scan over 2θ = 10° to 80° was recorded.", []),  # too wide for one peak
])
def test_peaks(text: str, peaks: list[tuple[float, float]]) -> None:
    assert [(p.value, p.error) for p in find_peaks(text)] == peaks
