"""The fixture and the real clinics build byte for byte as recorded: refactoring changes no output."""

import pytest

from clinicsites.commands import golden


@pytest.mark.parametrize("name", golden.SNAPSHOTS)
def test_output_is_byte_identical_to_the_recorded_snapshot(name):
    inputs, recorded = golden.read(name)
    assert recorded, f"no snapshot recorded for {name}; run ./run golden"
    if name == "real" and inputs != golden.inputs_digest(name):
        pytest.skip("clinics.yaml or content/ changed since the snapshot was recorded; run ./run golden to record it")
    assert inputs == golden.inputs_digest(name), "the fixture changed; run ./run golden after checking the output"
    built = golden.build_digests(name)
    changed = sorted(f for f in built.keys() & recorded.keys() if built[f] != recorded[f])
    assert not changed and built.keys() == recorded.keys(), (
        f"changed: {changed[:10]}; new: {sorted(built.keys() - recorded.keys())[:10]}; "
        f"gone: {sorted(recorded.keys() - built.keys())[:10]}. If the change is deliberate, run ./run golden."
    )
