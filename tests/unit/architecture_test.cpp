// The layering rule of DEVELOPERS.md as a test: core never reaches up into ui/ or into Qt's GUI modules,
// and sync-server never includes ui/.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>

#include <gtest/gtest.h>

namespace {

struct Violation {
    QString file;
    int line;
    QString text;
};

std::vector<Violation> findIncludes(const QString& folder, const QRegularExpression& forbidden)
{
    std::vector<Violation> found;
    const QString root = QStringLiteral(TRICOACH_SOURCE_DIR) + QLatin1Char('/') + folder;
    QDirIterator it(root, {QStringLiteral("*.h"), QStringLiteral("*.hpp"), QStringLiteral("*.cpp")}, QDir::Files,
                    QDirIterator::Subdirectories);
    static const QRegularExpression include(QStringLiteral(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])"));
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        int lineNo = 0;
        while (!f.atEnd()) {
            const QString line = QString::fromUtf8(f.readLine());
            ++lineNo;
            const auto m = include.match(line);
            if (m.hasMatch() && forbidden.match(m.captured(1)).hasMatch())
                found.push_back({path, lineNo, line.trimmed()});
        }
    }
    return found;
}

QString describe(const std::vector<Violation>& v)
{
    QString out;
    for (const auto& x : v)
        out += QStringLiteral("%1:%2: %3\n").arg(x.file).arg(x.line).arg(x.text);
    return out;
}

// ui/ headers, and Qt's Gui, Widgets and Charts modules (by module path or by class-name header).
const QRegularExpression kGuiInclude(
    QStringLiteral(R"(^(ui/|QtWidgets|QtCharts|QtGui|QtPrintSupport|QtOpenGL)|^(QWidget|QApplication|QGuiApplication|)"
                   R"(QMainWindow|QDialog|QPainter|QPixmap|QImage|QColor|QFont|QIcon|QChart\w*|QLineSeries|)"
                   R"(QBarSeries|QPieSeries|QAbstractSeries|QValueAxis|QDateTimeAxis|QLabel|QPushButton)$)"));

} // namespace

TEST(Architecture, CoreIncludesNoUiOrGuiHeader)
{
    const auto v = findIncludes(QStringLiteral("core"), kGuiInclude);
    EXPECT_TRUE(v.empty()) << "core/ must not depend on ui/ or Qt GUI modules:\n" << describe(v).toStdString();
}

TEST(Architecture, SyncServerIncludesNoUiHeader)
{
    const auto v = findIncludes(QStringLiteral("sync-server"), kGuiInclude);
    EXPECT_TRUE(v.empty()) << "sync-server/ must not depend on ui/:\n" << describe(v).toStdString();
}

TEST(Architecture, CoreTargetLinksNoGuiModule)
{
    QFile cmake(QStringLiteral(TRICOACH_SOURCE_DIR "/core/CMakeLists.txt"));
    ASSERT_TRUE(cmake.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(cmake.readAll());
    static const QRegularExpression gui(
        QStringLiteral(R"(Qt6?::(Gui|Widgets|Charts|OpenGL|PrintSupport)|tricoach::ui)"));
    const auto m = gui.match(text);
    EXPECT_FALSE(m.hasMatch()) << "core/CMakeLists.txt links " << m.captured(0).toStdString();
}

TEST(Architecture, DetectorCatchesAForbiddenInclude)
{
    // Guards the regular expression itself: a rule that matches nothing would pass forever.
    EXPECT_TRUE(kGuiInclude.match(QStringLiteral("ui/mainwindow.h")).hasMatch());
    EXPECT_TRUE(kGuiInclude.match(QStringLiteral("QtWidgets/QWidget")).hasMatch());
    EXPECT_TRUE(kGuiInclude.match(QStringLiteral("QChartView")).hasMatch());
    EXPECT_TRUE(kGuiInclude.match(QStringLiteral("QWidget")).hasMatch());
    EXPECT_FALSE(kGuiInclude.match(QStringLiteral("core/model/activity.h")).hasMatch());
    EXPECT_FALSE(kGuiInclude.match(QStringLiteral("QString")).hasMatch());
    EXPECT_FALSE(kGuiInclude.match(QStringLiteral("QSqlDatabase")).hasMatch());
}
