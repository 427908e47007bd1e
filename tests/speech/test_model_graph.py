"""Reader's own edit of the voice's graph: the same model onnx would make, and plain errors."""

from __future__ import annotations

import onnx
import pytest

from reader.speech import model_graph, natural


@pytest.fixture(scope="module")
def model() -> bytes:
    return natural.bundled_model().read_bytes()


def test_the_duration_tensor_becomes_the_last_output_as_onnx_would_add_it(model: bytes) -> None:
    edited = model_graph.with_output(model, natural.DURATIONS)
    expected = onnx.load_from_string(model)
    expected.graph.output.append(
        onnx.helper.make_tensor_value_info(natural.DURATIONS, onnx.TensorProto.FLOAT, None)
    )
    assert onnx.load_from_string(edited) == expected
    assert model_graph.read_graph(edited).outputs[-1] == natural.DURATIONS


def test_an_output_already_there_is_left_alone(model: bytes) -> None:
    edited = model_graph.with_output(model, natural.DURATIONS)
    assert model_graph.with_output(edited, natural.DURATIONS) == edited


def test_a_tensor_no_node_makes_is_refused(model: bytes) -> None:
    with pytest.raises(model_graph.MissingTensor, match="/No_such_output_0"):
        model_graph.with_output(model, "/No_such_output_0")


@pytest.mark.parametrize("damage", [b"not a model", b"\x3a\xff\xff\xff\x0f", b"\x0a\x80"])
def test_bytes_that_are_not_a_model_are_a_plain_error(damage: bytes) -> None:
    with pytest.raises(model_graph.ModelFileError):
        model_graph.with_output(damage, natural.DURATIONS)


def test_a_model_cut_short_is_a_plain_error(model: bytes) -> None:
    with pytest.raises(model_graph.ModelFileError):
        model_graph.with_output(model[:100_000], natural.DURATIONS)
