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


def _graph(**parts: object) -> bytes:
    out = onnx.helper.make_tensor_value_info("out", onnx.TensorProto.FLOAT, None)
    ids = onnx.helper.make_tensor_value_info("ids", onnx.TensorProto.INT64, None)
    weights = onnx.helper.make_tensor_value_info("weights", onnx.TensorProto.FLOAT, None)
    node = parts.pop("node", onnx.helper.make_node("Identity", ["ids"], ["out"]))
    graph = onnx.helper.make_graph([node], "g", [ids, weights], [out], **parts)  # type: ignore[arg-type]
    return bytes(onnx.helper.make_model(graph).SerializeToString())


def _external_tensor() -> onnx.TensorProto:
    tensor = onnx.helper.make_tensor("weights", onnx.TensorProto.FLOAT, [1], [0.0])
    tensor.data_location = onnx.TensorProto.EXTERNAL
    tensor.external_data.add(key="location", value="../../../etc/passwd")
    return tensor


def test_the_bundled_voice_reads_as_one_file_with_its_inputs(model: bytes) -> None:
    graph = model_graph.read_graph(model)
    assert graph.inputs == natural.INPUTS
    assert not graph.beyond_one_file


def test_initializers_are_not_inputs_a_caller_feeds() -> None:
    weights = onnx.helper.make_tensor("weights", onnx.TensorProto.FLOAT, [1], [0.0])
    graph = model_graph.read_graph(_graph(initializer=[weights]))
    assert graph.inputs == {"ids"}
    assert not graph.beyond_one_file


def test_data_kept_in_another_file_is_seen_in_initializers_and_constants() -> None:
    assert model_graph.read_graph(_graph(initializer=[_external_tensor()])).beyond_one_file
    constant = onnx.helper.make_node("Constant", [], ["out"], value=_external_tensor())
    assert model_graph.read_graph(_graph(node=constant)).beyond_one_file


def test_a_nested_graph_is_seen() -> None:
    inner = onnx.helper.make_graph([], "inner", [], [])
    branch = onnx.helper.make_node("If", ["ids"], ["out"], then_branch=inner, else_branch=inner)
    assert model_graph.read_graph(_graph(node=branch)).beyond_one_file
