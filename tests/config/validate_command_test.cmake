# Runs `transformer-bench validate ARGS` as a user would, and fails unless the exit
# status is EXPECTED_STATUS and stdout plus stderr match EXPECTED_OUTPUT.
# Variables: EXECUTABLE, ARGS (a ;-list), EXPECTED_STATUS, EXPECTED_OUTPUT.
execute_process(
  COMMAND "${EXECUTABLE}" validate ${ARGS}
  RESULT_VARIABLE status
  OUTPUT_VARIABLE output
  ERROR_VARIABLE errors)

if(NOT status STREQUAL EXPECTED_STATUS)
  message(FATAL_ERROR "exit status ${status}, expected ${EXPECTED_STATUS}\nstdout:\n${output}\nstderr:\n${errors}")
endif()
if(NOT "${output}${errors}" MATCHES "${EXPECTED_OUTPUT}")
  message(FATAL_ERROR "output does not match '${EXPECTED_OUTPUT}'\nstdout:\n${output}\nstderr:\n${errors}")
endif()
