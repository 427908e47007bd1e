"""An ONNX model's bytes with one more graph output: a small protobuf edit, no ``onnx`` package.

The natural voice reads each phoneme's length from a tensor inside the model's graph
(``reader.speech.natural.DURATIONS``), which the model does not give as an output. Adding
an output is a few bytes: ONNX files are protocol buffers (``onnx/onnx.proto``), in
which a repeated field may be appended anywhere in its message. The ``onnx`` package
would do the same edit, but brings ~9 MB of C++ and protobuf into the frozen build for
it, and the edit has to happen where the model is loaded (an administrator's voices are
added after the build), so it is done here, in memory; the file is never changed.
"""

from __future__ import annotations

from dataclasses import dataclass

# Field numbers in onnx.proto (stable since ONNX 1.0).
_MODEL_GRAPH = 7  # ModelProto.graph: GraphProto
_MODEL_FUNCTIONS = 25  # ModelProto.functions: repeated FunctionProto
_GRAPH_NODE = 1  # GraphProto.node: repeated NodeProto
_GRAPH_INITIALIZER = 5  # GraphProto.initializer: repeated TensorProto
_GRAPH_INPUT = 11  # GraphProto.input: repeated ValueInfoProto
_GRAPH_OUTPUT = 12  # GraphProto.output: repeated ValueInfoProto
_GRAPH_SPARSE_INITIALIZER = 15  # GraphProto.sparse_initializer
_NODE_OUTPUT = 2  # NodeProto.output: repeated string
_NODE_ATTRIBUTE = 5  # NodeProto.attribute: repeated AttributeProto
_ATTRIBUTE_TENSOR = 5  # AttributeProto.t: TensorProto
_ATTRIBUTE_TENSORS = 10  # AttributeProto.tensors: repeated TensorProto
# AttributeProto.g, .graphs, .sparse_tensor, .sparse_tensors: nested graphs and sparse data.
_ATTRIBUTE_NESTED = frozenset({6, 11, 22, 23})
_TENSOR_NAME = 8  # TensorProto.name
_TENSOR_EXTERNAL_DATA = 13  # TensorProto.external_data
_TENSOR_DATA_LOCATION = 14  # TensorProto.data_location (1 is EXTERNAL)
_VALUE_NAME = 1  # ValueInfoProto.name
_VALUE_TYPE = 2  # ValueInfoProto.type: TypeProto
_TYPE_TENSOR = 1  # TypeProto.tensor_type: TypeProto.Tensor
_TENSOR_ELEM_TYPE = 1  # TypeProto.Tensor.elem_type: TensorProto.DataType
FLOAT = 1  # TensorProto.DataType.FLOAT

# Protobuf wire types.
_VARINT, _FIXED64, _BYTES, _FIXED32 = 0, 1, 2, 5
_FIXED_SIZES = {_FIXED64: 8, _FIXED32: 4}
_VARINT_BITS = 63  # a varint is at most ten bytes of seven bits


class ModelFileError(ValueError):
    """The bytes are not an ONNX model this module can read."""


@dataclass(frozen=True, slots=True)
class _Field:
    number: int
    wire_type: int
    start: int  # where the field's key begins
    value_start: int  # where its value (after any length) begins
    end: int


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if at >= len(data):
            raise ModelFileError("the model file ends in the middle of a number")
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, at
        shift += 7
        if shift > _VARINT_BITS:
            raise ModelFileError("the model file has a number too long to read")


def _encode_varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _fields(data: bytes) -> list[_Field]:
    """The top-level fields of one protobuf message."""
    fields: list[_Field] = []
    at = 0
    while at < len(data):
        start = at
        key, at = _varint(data, at)
        number, wire_type = key >> 3, key & 7
        if wire_type == _VARINT:
            _value, end = _varint(data, at)
            value_start = at
        elif wire_type == _BYTES:
            length, value_start = _varint(data, at)
            end = value_start + length
        elif wire_type in _FIXED_SIZES:
            value_start, end = at, at + _FIXED_SIZES[wire_type]
        else:
            raise ModelFileError(f"the model file has a field of unknown kind {wire_type}")
        if end > len(data):
            raise ModelFileError("the model file is cut short")
        fields.append(_Field(number, wire_type, start, value_start, end))
        at = end
    return fields


def _strings(data: bytes, number: int) -> list[str]:
    return [
        data[field.value_start : field.end].decode("utf-8", "replace")
        for field in _fields(data)
        if field.number == number and field.wire_type == _BYTES
    ]


def _message(number: int, payload: bytes) -> bytes:
    return _encode_varint(number << 3 | _BYTES) + _encode_varint(len(payload)) + payload


class MissingTensor(ModelFileError):
    """No node of the model's graph produces the tensor asked for."""


@dataclass(frozen=True, slots=True)
class Graph:
    """What the model's graph holds that matters here, read in one pass."""

    produced: frozenset[str]  # every tensor a node produces
    outputs: tuple[str, ...]  # the graph's outputs, in order
    inputs: frozenset[str] = frozenset()  # what a caller feeds (initializers left out)
    # Data kept in other files, nested graphs, functions or sparse tensors: a hibari
    # voice has none, and each could make the runtime read beyond the one file.
    beyond_one_file: bool = False


def _graph_field(model: bytes) -> _Field:
    graphs = [f for f in _fields(model) if f.number == _MODEL_GRAPH and f.wire_type == _BYTES]
    if len(graphs) != 1:
        raise ModelFileError("the model file has no graph")
    return graphs[0]


def _tensor_is_external(tensor: bytes) -> bool:
    for field in _fields(tensor):
        if field.number == _TENSOR_EXTERNAL_DATA:
            return True
        located = field.number == _TENSOR_DATA_LOCATION and field.wire_type == _VARINT
        if located and _varint(tensor, field.value_start)[0] != 0:
            return True
    return False


def _node_reaches_beyond(node: bytes) -> bool:
    for attribute in _fields(node):
        if attribute.number != _NODE_ATTRIBUTE or attribute.wire_type != _BYTES:
            continue
        for field in _fields(node[attribute.value_start : attribute.end]):
            if field.number in _ATTRIBUTE_NESTED:
                return True
            if field.number in (_ATTRIBUTE_TENSOR, _ATTRIBUTE_TENSORS):
                body = node[attribute.value_start : attribute.end][field.value_start : field.end]
                if field.wire_type == _BYTES and _tensor_is_external(body):
                    return True
    return False


def read_graph(model: bytes) -> Graph:
    graph_field = _graph_field(model)
    graph = model[graph_field.value_start : graph_field.end]
    produced: set[str] = set()
    outputs: list[str] = []
    inputs: set[str] = set()
    initialized: set[str] = set()
    beyond = any(field.number == _MODEL_FUNCTIONS for field in _fields(model))
    for field in _fields(graph):
        if field.wire_type != _BYTES:
            continue
        body = graph[field.value_start : field.end]
        if field.number == _GRAPH_NODE:
            produced.update(_strings(body, _NODE_OUTPUT))
            beyond = beyond or _node_reaches_beyond(body)
        elif field.number == _GRAPH_OUTPUT:
            outputs += _strings(body, _VALUE_NAME)
        elif field.number == _GRAPH_INPUT:
            inputs.update(_strings(body, _VALUE_NAME))
        elif field.number == _GRAPH_INITIALIZER:
            initialized.update(_strings(body, _TENSOR_NAME))
            beyond = beyond or _tensor_is_external(body)
        elif field.number == _GRAPH_SPARSE_INITIALIZER:
            beyond = True
    return Graph(frozenset(produced), tuple(outputs), frozenset(inputs - initialized), beyond)


def with_output(model: bytes, name: str, elem_type: int = FLOAT) -> bytes:
    """The model with the tensor ``name`` (produced by a node) as a last, shapeless output.

    Unchanged if it is already an output; MissingTensor if no node produces it.
    """
    graph = read_graph(model)
    if name not in graph.produced:
        raise MissingTensor(f"no node of the model's graph produces {name}")
    if name in graph.outputs:
        return model
    tensor = _encode_varint(_TENSOR_ELEM_TYPE << 3 | _VARINT) + _encode_varint(elem_type)
    value_info = _message(_VALUE_NAME, name.encode("utf-8")) + _message(
        _VALUE_TYPE, _message(_TYPE_TENSOR, tensor)
    )
    graph_field = _graph_field(model)
    payload = model[graph_field.value_start : graph_field.end] + _message(_GRAPH_OUTPUT, value_info)
    return model[: graph_field.start] + _message(_MODEL_GRAPH, payload) + model[graph_field.end :]
