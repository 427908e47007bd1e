# Replaces pyinstaller-hooks-contrib's hook-onnxruntime.py, which collects every shared
# library in onnxruntime/capi: libonnxruntime.so (ONNX Runtime's C API, ~35 MB, which
# the Python module does not use: onnxruntime_pybind11_state holds the whole runtime
# and needs only the C and C++ runtimes) and libonnxruntime_providers_shared.so (for
# the CUDA and TensorRT providers; Reader runs on the CPU). The Python extension
# itself is found by PyInstaller's import analysis, so nothing needs collecting here.
binaries: list[tuple[str, str]] = []
