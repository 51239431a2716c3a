# The third-party plugin story end to end, using only what `cmake --install` puts in
# a fresh prefix:
#   1. install the build tree into WORK_DIR/prefix;
#   2. configure and build examples/c_plugin with find_package(TransformerBench),
#      with clang when CLANG is set (the host was built with C_COMPILER);
#   3. run the installed transformer-bench: `list` and `check` on the example, the
#      example's own ctest (transformer_bench_add_check_test), and a short `run`;
#   4. build the example again with plain C_COMPILER and pkg-config
#      (transformer-bench-plugin.pc) and `list` that build.
# Run with: cmake -DBUILD_DIR=... -DEXAMPLE_DIR=... -DWORK_DIR=... -DC_COMPILER=...
#                 -DLIBDIR=lib -DPLUGIN_DIR=lib/transformer-bench/plugins [-DCLANG=...]
#                 [-DCONFIG=Release] -P install_test.cmake
foreach(variable BUILD_DIR EXAMPLE_DIR WORK_DIR C_COMPILER LIBDIR PLUGIN_DIR)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "install_test.cmake: -D${variable}=... is required")
  endif()
endforeach()

set(prefix "${WORK_DIR}/prefix")
set(example_build "${WORK_DIR}/example-build")
set(pkgconfig_build "${WORK_DIR}/pkgconfig-build")
set(host "${prefix}/bin/transformer-bench")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

# Runs a command; fails the test with its output unless it exits with 0. The
# output is returned in `output_var` when given.
function(run_step description)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "OUTPUT_VAR" "COMMAND")
  message(STATUS "${description}")
  execute_process(COMMAND ${ARG_COMMAND} RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(NOT status EQUAL 0)
    string(REPLACE ";" " " command_line "${ARG_COMMAND}")
    message(FATAL_ERROR "${description} failed (exit status ${status}):\n  ${command_line}\n${output}")
  endif()
  if(ARG_OUTPUT_VAR)
    set(${ARG_OUTPUT_VAR} "${output}" PARENT_SCOPE)
  endif()
endfunction()

function(expect_contains text part description)
  string(FIND "${text}" "${part}" position)
  if(position EQUAL -1)
    message(FATAL_ERROR "${description}: expected '${part}' in:\n${text}")
  endif()
endfunction()

# 1. Install.
set(install_config "")
if(CONFIG)
  set(install_config --config "${CONFIG}")
endif()
run_step("installing ${BUILD_DIR} into ${prefix}"
  COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}" ${install_config})
foreach(file
    "bin/transformer-bench"
    "include/transformer_bench/backend.h"
    "${LIBDIR}/cmake/TransformerBench/TransformerBenchConfig.cmake"
    "${LIBDIR}/cmake/TransformerBench/TransformerBenchConfigVersion.cmake"
    "${LIBDIR}/cmake/TransformerBench/TransformerBenchTargets.cmake"
    "${LIBDIR}/cmake/TransformerBench/TransformerBenchPlugin.cmake"
    "${LIBDIR}/pkgconfig/transformer-bench-plugin.pc"
    "${PLUGIN_DIR}/tb_scalar.so")
  if(NOT EXISTS "${prefix}/${file}")
    message(FATAL_ERROR "the install lacks ${file}")
  endif()
endforeach()
file(GLOB fixtures_installed "${prefix}/${PLUGIN_DIR}/tb_fixture_*")
if(fixtures_installed)
  message(FATAL_ERROR "test fixtures were installed into the plugin folder: ${fixtures_installed}")
endif()

# 2. Build the example against the install only: no package registry, and the
#    package must come from the prefix.
set(compiler_option "")
if(CLANG)
  set(compiler_option "-DCMAKE_C_COMPILER=${CLANG}")
endif()
run_step("configuring the example against the install"
  COMMAND "${CMAKE_COMMAND}" -S "${EXAMPLE_DIR}" -B "${example_build}"
    "-DCMAKE_PREFIX_PATH=${prefix}"
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
    -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF
    ${compiler_option})
file(STRINGS "${example_build}/CMakeCache.txt" package_dir_line REGEX "^TransformerBench_DIR:")
expect_contains("${package_dir_line}" "${prefix}/" "the example must find the package in the test prefix")
run_step("building the example" COMMAND "${CMAKE_COMMAND}" --build "${example_build}")
set(example_plugin "${example_build}/example_c.so")

# 3. The installed host on the example.
run_step("listing the example with the installed host" OUTPUT_VAR list_output
  COMMAND "${host}" list --plugin-dir "${example_build}")
expect_contains("${list_output}" "example_c 0.1.0" "`list` must show the example backend")
if(CLANG)
  expect_contains("${list_output}" "clang" "the example's build_info must name clang")
endif()

run_step("checking the example with the installed host" OUTPUT_VAR check_output
  COMMAND "${host}" check "${example_plugin}" --strict)
expect_contains("${check_output}" "Reference: ${prefix}/${PLUGIN_DIR}/tb_scalar.so"
  "`check` must find the installed scalar backend beside the executable")
expect_contains("${check_output}" "PASSED: " "`check` must pass the example")
message(STATUS "check output:\n${check_output}")

run_step("running the example's own check test" OUTPUT_VAR ctest_output
  COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${example_build}" --output-on-failure)

run_step("running a short benchmark with the example" OUTPUT_VAR run_output
  COMMAND "${host}" run --plugin-dir "${example_build}" --backends scalar,example_c
    --warmup 1 --repetitions 3 --results "${WORK_DIR}/results.jsonl")
expect_contains("${run_output}" "example_c" "the report must have a row for the example backend")

# 4. A plain compiler command with pkg-config instead of CMake.
find_program(PKG_CONFIG pkg-config)
if(NOT PKG_CONFIG)
  message(STATUS "pkg-config not found; the pkg-config build is not tested")
  return()
endif()
set(pkg_env "${CMAKE_COMMAND}" -E env "PKG_CONFIG_PATH=${prefix}/${LIBDIR}/pkgconfig")
run_step("reading the pkg-config flags" OUTPUT_VAR cflags
  COMMAND ${pkg_env} "${PKG_CONFIG}" --cflags transformer-bench-plugin)
string(STRIP "${cflags}" cflags)
expect_contains("${cflags}" "-I" "pkg-config must give an include flag")
run_step("reading the pkg-config plugin folder" OUTPUT_VAR plugindir
  COMMAND ${pkg_env} "${PKG_CONFIG}" --variable=plugindir transformer-bench-plugin)
string(STRIP "${plugindir}" plugindir)
if(NOT IS_DIRECTORY "${plugindir}")
  message(FATAL_ERROR "pkg-config's plugindir is not a folder: ${plugindir}")
endif()

file(MAKE_DIRECTORY "${pkgconfig_build}")
file(GLOB example_sources "${EXAMPLE_DIR}/src/*.c")
separate_arguments(cflags_list UNIX_COMMAND "${cflags}")
run_step("compiling the example with ${C_COMPILER} and pkg-config"
  COMMAND "${C_COMPILER}" -std=c11 -Wall -Wextra -Wpedantic -Werror -O2 -fPIC -fvisibility=hidden -shared
    -Wl,--no-undefined ${cflags_list} -o "${pkgconfig_build}/example_c.so" ${example_sources} -lm)
run_step("listing the pkg-config build" OUTPUT_VAR pc_list_output
  COMMAND "${host}" list --plugin-dir "${pkgconfig_build}")
expect_contains("${pc_list_output}" "example_c 0.1.0" "`list` must show the pkg-config build")
