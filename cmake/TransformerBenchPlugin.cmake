# Helpers for building a transformer-bench backend plugin out of tree. Installed
# with the TransformerBench CMake package and included by its config file.

# transformer_bench_add_plugin(<target> SOURCES <source>...)
#
# Builds <target> as a MODULE library named <target>.so that links
# TransformerBench::plugin_api. Symbols are hidden by default, so the plugin exports
# only what TB_PLUGIN_EXPORT marks (the entry point), and on Linux the link fails on
# an undefined symbol instead of the host failing to load the plugin later. Install
# it into ${TransformerBench_PLUGIN_DIR} or point the host at its folder with
# --plugin-dir or TRANSFORMER_BENCH_PLUGIN_PATH.
function(transformer_bench_add_plugin target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "" "SOURCES")
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "transformer_bench_add_plugin(${target}): SOURCES is required")
  endif()
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "transformer_bench_add_plugin(${target}): unknown arguments: ${ARG_UNPARSED_ARGUMENTS}")
  endif()

  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE TransformerBench::plugin_api)
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    target_link_options(${target} PRIVATE -Wl,--no-undefined)
  endif()
endfunction()

# transformer_bench_add_check_test(<target> [NAME <test name>] [ARGS <check option>...])
#
# Adds a CTest test that runs `transformer-bench check` on the plugin <target>
# builds. It passes when every mandatory check passes; ARGS may add --strict,
# --reference PATH or --timeout SECONDS.
function(transformer_bench_add_check_test target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "" "NAME" "ARGS")
  if(NOT TARGET TransformerBench::transformer-bench)
    message(FATAL_ERROR "transformer_bench_add_check_test(${target}): the transformer-bench executable was not "
                        "found at ${TransformerBench_EXECUTABLE}")
  endif()
  if(NOT ARG_NAME)
    set(ARG_NAME "${target}_check")
  endif()
  add_test(NAME ${ARG_NAME}
    COMMAND TransformerBench::transformer-bench check $<TARGET_FILE:${target}> ${ARG_ARGS})
endfunction()
