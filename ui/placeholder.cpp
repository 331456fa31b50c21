// Replaced by the GUI implementation.
namespace Trove {
int uiPlaceholder()
{
    return 0;
}
} // namespace Trove
