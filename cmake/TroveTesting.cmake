# trove_add_test(<name> SOURCES ... [LIBS ...] [LABELS ...] [TIMEOUT s])
#
# One QtTest executable per test file, registered with CTest. Every test runs headless
# (QT_QPA_PLATFORM=offscreen) and knows where the real trove-server binary is.
function(trove_add_test name)
    cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test Trove::TestSupport Trove::Warnings ${ARG_LIBS})
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 300)
    endif()
    set_tests_properties(${name} PROPERTIES
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;TROVE_SERVER_BIN=$<TARGET_FILE:trove-server>;TROVE_TEST_DATA=${PROJECT_SOURCE_DIR}/tests/data;TROVE_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
        TIMEOUT ${ARG_TIMEOUT}
        LABELS "${ARG_LABELS}")
    add_dependencies(${name} trove-server)
endfunction()
