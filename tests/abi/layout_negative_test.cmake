# Shows that the layout pins catch a layout change: compiles layout_test.c against
# edited copies of the ABI header and expects
#   - the unedited copy to compile (so a failure below is caused by the edit),
#   - a function appended to the table, as a 1.x minor would add it, to compile,
#   - a field inserted in the middle of tb_forward_args to fail,
#   - a field whose type was widened to fail.
# Run with: cmake -DC_COMPILER=cc -DHEADER=.../backend.h -DLAYOUT_TEST=.../layout_test.c
#                 -DWORK_DIR=... -P layout_negative_test.cmake
foreach(variable C_COMPILER HEADER LAYOUT_TEST WORK_DIR)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "layout_negative_test.cmake: -D${variable}=... is required")
  endif()
endforeach()

file(READ "${HEADER}" original)

# Writes `text` as the header of a variant and returns whether layout_test.c
# compiles against it; the compiler's output goes to `output_var`.
function(compile_variant name text result_var output_var)
  set(include_dir "${WORK_DIR}/${name}")
  file(REMOVE_RECURSE "${include_dir}")
  file(WRITE "${include_dir}/transformer_bench/backend.h" "${text}")
  execute_process(
    COMMAND "${C_COMPILER}" -std=c11 -pedantic -Werror -fsyntax-only -I "${include_dir}" "${LAYOUT_TEST}"
    RESULT_VARIABLE status
    OUTPUT_VARIABLE output
    ERROR_VARIABLE output)
  if(status EQUAL 0)
    set(${result_var} TRUE PARENT_SCOPE)
  else()
    set(${result_var} FALSE PARENT_SCOPE)
  endif()
  set(${output_var} "${output}" PARENT_SCOPE)
endfunction()

# Replaces `old` by `new` in the header, failing the test when `old` is not found,
# so that a reworded header cannot make an edit silently do nothing.
function(edit_header old new result_var)
  string(FIND "${original}" "${old}" position)
  if(position EQUAL -1)
    message(FATAL_ERROR "layout_negative_test.cmake: the header no longer contains '${old}'; update this test")
  endif()
  string(REPLACE "${old}" "${new}" edited "${original}")
  set(${result_var} "${edited}" PARENT_SCOPE)
endfunction()

set(failures 0)

compile_variant(unedited "${original}" compiled output)
if(NOT compiled)
  message(SEND_ERROR "the unedited header does not pass the layout pins:\n${output}")
  math(EXPR failures "${failures} + 1")
endif()

edit_header("} tb_backend_api;" "  void (*appended_function)(void);\n} tb_backend_api;" appended)
compile_variant(appended "${appended}" compiled output)
if(NOT compiled)
  message(SEND_ERROR "a function appended to tb_backend_api fails the layout pins, but appending is allowed:\n${output}")
  math(EXPR failures "${failures} + 1")
endif()

edit_header("  int32_t batch_size;" "  int32_t inserted_field;\n  int32_t batch_size;" inserted)
compile_variant(inserted "${inserted}" compiled output)
if(compiled)
  message(SEND_ERROR "a field inserted in the middle of tb_forward_args passes the layout pins")
  math(EXPR failures "${failures} + 1")
elseif(NOT output MATCHES "tb_forward_args\\.batch_size has moved")
  message(SEND_ERROR "inserting a field failed for another reason than the pin:\n${output}")
  math(EXPR failures "${failures} + 1")
else()
  message(STATUS "inserted field rejected as expected: tb_forward_args.batch_size has moved")
endif()

edit_header("  int32_t seq_len;" "  int64_t seq_len;" retyped)
compile_variant(retyped "${retyped}" compiled output)
if(compiled)
  message(SEND_ERROR "widening tb_forward_args.seq_len passes the layout pins")
  math(EXPR failures "${failures} + 1")
elseif(NOT output MATCHES "tb_forward_args\\.seq_len has changed type")
  message(SEND_ERROR "widening a field failed for another reason than the pin:\n${output}")
  math(EXPR failures "${failures} + 1")
else()
  message(STATUS "widened field rejected as expected: tb_forward_args.seq_len has changed type")
endif()

if(failures GREATER 0)
  message(FATAL_ERROR "${failures} layout pin expectations failed")
endif()
