#pragma once
// The geometric types, written as Elastic's PostgreSQLDataSource.serialize() writes the
// asyncpg.types objects asyncpg returns for them (JSON), and as Python's str() of those
// objects (`_id`s, for rules whose id_columns name a geometric column).
//
//   type     binary (float8s, big-endian)      JSON string                        str()
//   point    x y                               (1.5, 2.5)                         asyncpg.pgproto.types.Point((1.5, 2.5))
//   lseg     x1 y1 x2 y2                       [(0.0, 0.0), (1.0, 1.0)]           ...LineSegment((...Point(..), ...Point(..)))
//   box      high.x high.y low.x low.y         [(2.0, 2.0), (0.0, 0.0)]           ...Box((...Point(..), ...Point(..)))
//   path     closed byte, int32 n, n points    open [(0.0, 0.0), (1.0, 1.0)]      (as JSON: Path has no stable repr)
//   polygon  int32 n, n points                 [(0.0, 0.0), (1.0, 0.0), ...]      (as JSON: Polygon neither)
//   line     A B C                             (1.0, -1.0, 0.0)                   (1.0, -1.0, 0.0)
//   circle   x y r                             ((0.0, 0.0), 5.0)                  ((0.0, 0.0), 5.0)
//
// Every number is Python's repr(float): 1.0, 0.1, 1e+16, 1e-05, nan, inf. The strings hold no
// character that needs JSON escaping.

#include <string>
#include <string_view>

namespace connectors::sources::postgresql::codecs {

void append_point(std::string& out, std::string_view bytes);
void append_lseg(std::string& out, std::string_view bytes);
void append_box(std::string& out, std::string_view bytes);
void append_path(std::string& out, std::string_view bytes);
void append_polygon(std::string& out, std::string_view bytes);
void append_line(std::string& out, std::string_view bytes);
void append_circle(std::string& out, std::string_view bytes);

// Python's str() of asyncpg's Point, LineSegment and Box (their repr names the class).
void append_point_repr(std::string& out, std::string_view bytes);
void append_lseg_repr(std::string& out, std::string_view bytes);
void append_box_repr(std::string& out, std::string_view bytes);

}  // namespace connectors::sources::postgresql::codecs
