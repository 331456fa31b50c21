#pragma once

// The transfer roles and enums are defined once, in core (TransferListModel provides them);
// this header keeps the ui include path working.
#include "models/transferroles.h"
