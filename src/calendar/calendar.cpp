// The query side of Calendar: tables built once per calendar so that every query is a few
// array lookups or one binary search, never a walk over days.
#include "xinfang/calendar.hpp"

#include <algorithm>
#include <cstdio>

#include "calendar/calendar_data.hpp"
#include "xinfang/error.hpp"

namespace xinfang {

using calendar_detail::CalendarData;
namespace bg = boost::gregorian;
namespace bpt = boost::posix_time;

namespace {

constexpr std::uint8_t kUnknownDay = 0xFF;

void require_valid(Date day) {
  if (day.is_special()) throw Error(ErrorCode::invalid_argument, "not a real date (not-a-date-time or infinity)");
}

void require_valid(Instant instant) {
  if (instant.is_special())
    throw Error(ErrorCode::invalid_argument, "not a real instant (not-a-date-time or infinity)");
}

}  // namespace

struct Calendar::Impl {
  CalendarData data;
  int first_year = 0;  // span of the tables: Jan 1 of first_year .. Dec 31 of last_year
  int last_year = -1;
  Date span_start;
  long day_count = 0;
  std::vector<std::uint8_t> kind;                  // DayKind per day, kUnknownDay in unknown years
  std::vector<std::int32_t> working_before;        // working days in [0, i); size day_count + 1
  std::vector<std::int32_t> working_offsets;       // offset of the k-th working day
  std::vector<std::int32_t> unknown_years_before;  // unknown years in [first_year, y); size years + 1
  std::vector<std::int64_t> business_before;       // business seconds in days [0, i); size day_count + 1

  YearStatus status(int year) const {
    if (data.year_sources.count(year) != 0) return YearStatus::published;
    if (data.estimated_years.count(year) != 0) return YearStatus::estimated;
    return YearStatus::unknown;
  }

  [[noreturn]] void throw_unknown_year(int year) const {
    throw Error(ErrorCode::calendar_range, "calendar '" + data.name + "' has no holiday table for " +
                                               std::to_string(year) +
                                               "; load that year's notice or allow a weekend-only estimate for it");
  }

  // Throws calendar_range unless every year from..to (inclusive) is covered.
  void require_years(int from, int to) const {
    if (from > to) std::swap(from, to);
    if (from < first_year) throw_unknown_year(from);
    if (to > last_year) throw_unknown_year(std::max(from, last_year + 1));
    if (unknown_years_before[to - first_year + 1] != unknown_years_before[from - first_year]) {
      for (int y = from; y <= to; ++y) {
        if (status(y) == YearStatus::unknown) throw_unknown_year(y);
      }
    }
  }

  long offset(Date day) const {
    require_valid(day);
    const int year = day.year();
    require_years(year, year);
    return (day - span_start).days();
  }

  Date date_at(long offset) const { return span_start + bg::days(offset); }

  const std::vector<BusinessWindow>& windows_for_weekday(int weekday) const {
    return data.has_weekday_hours[weekday] ? data.business_hours_by_weekday[weekday] : data.business_hours;
  }

  const std::vector<BusinessWindow>& windows_at(long offset) const {
    static const std::vector<BusinessWindow> kNone;
    const auto k = static_cast<DayKind>(kind[offset]);
    if (kind[offset] == kUnknownDay || !(k == DayKind::workday || k == DayKind::makeup_workday)) return kNone;
    return windows_for_weekday(date_at(offset).day_of_week().as_number());
  }

  // Business seconds of day @p offset that lie before second-of-day @p second.
  std::int64_t business_seconds_before(long offset, std::int64_t second) const {
    std::int64_t total = 0;
    for (const auto& w : windows_at(offset)) {
      const std::int64_t start = w.start_minute * 60LL;
      const std::int64_t end = w.end_minute * 60LL;
      if (second <= start) break;
      total += std::min(second, end) - start;
    }
    return total;
  }

  void build() {
    std::set<int> years;
    for (const auto& entry : data.year_sources) years.insert(entry.first);
    years.insert(data.estimated_years.begin(), data.estimated_years.end());
    if (years.empty()) return;
    first_year = *years.begin();
    last_year = *years.rbegin();
    span_start = Date(first_year, 1, 1);
    day_count = (Date(last_year, 12, 31) - span_start).days() + 1;

    kind.assign(day_count, kUnknownDay);
    unknown_years_before.assign(last_year - first_year + 2, 0);
    for (int y = first_year; y <= last_year; ++y) {
      const bool unknown = status(y) == YearStatus::unknown;
      unknown_years_before[y - first_year + 1] = unknown_years_before[y - first_year] + (unknown ? 1 : 0);
      if (unknown) continue;
      const long begin = (Date(y, 1, 1) - span_start).days();
      const long end = (Date(y, 12, 31) - span_start).days();
      for (long i = begin; i <= end; ++i) {
        const bool weekend = data.weekend[date_at(i).day_of_week().as_number()];
        kind[i] = static_cast<std::uint8_t>(weekend ? DayKind::weekend : DayKind::workday);
      }
    }
    for (const auto& entry : data.special_days) {
      const int y = entry.first.year();
      if (y < first_year || y > last_year || status(y) == YearStatus::unknown) continue;
      kind[(entry.first - span_start).days()] = static_cast<std::uint8_t>(entry.second.kind);
    }

    working_before.assign(day_count + 1, 0);
    business_before.assign(day_count + 1, 0);
    working_offsets.clear();
    for (long i = 0; i < day_count; ++i) {
      const auto k = static_cast<DayKind>(kind[i]);
      const bool working = kind[i] != kUnknownDay && (k == DayKind::workday || k == DayKind::makeup_workday);
      working_before[i + 1] = working_before[i] + (working ? 1 : 0);
      if (working) working_offsets.push_back(static_cast<std::int32_t>(i));
      std::int64_t seconds = 0;
      for (const auto& w : windows_at(i)) seconds += (w.end_minute - w.start_minute) * 60LL;
      business_before[i + 1] = business_before[i] + seconds;
    }
  }
};

Calendar::Calendar(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}

namespace {

std::shared_ptr<const Calendar::Impl> build_impl(CalendarData data) {
  auto impl = std::make_shared<Calendar::Impl>();
  impl->data = std::move(data);
  impl->build();
  return impl;
}

}  // namespace

const Calendar& Calendar::national() {
  static const Calendar instance(build_impl(calendar_detail::national_data()));
  return instance;
}

Calendar Calendar::from_json(std::string_view json) {
  return Calendar(build_impl(calendar_detail::parse_calendar_json(json, nullptr)));
}

Calendar Calendar::from_json(std::string_view json, const Calendar& base) {
  return Calendar(build_impl(calendar_detail::parse_calendar_json(json, &base.impl_->data)));
}

Calendar Calendar::with_estimated_years(int first_year, int last_year) const {
  if (first_year > last_year || first_year < calendar_detail::kMinYear || last_year > calendar_detail::kMaxYear) {
    throw Error(ErrorCode::invalid_argument, "estimated years must be a non-empty range within 1900-2200");
  }
  CalendarData data = impl_->data;
  for (int y = first_year; y <= last_year; ++y) {
    if (data.year_sources.count(y) == 0) data.estimated_years.insert(y);
  }
  return Calendar(build_impl(std::move(data)));
}

const std::string& Calendar::name() const noexcept {
  return impl_->data.name;
}
const std::string& Calendar::time_zone() const noexcept {
  return impl_->data.time_zone;
}
int Calendar::utc_offset_minutes() const noexcept {
  return impl_->data.utc_offset_minutes;
}
YearStatus Calendar::year_status(int year) const noexcept {
  return impl_->status(year);
}
std::pair<int, int> Calendar::year_range() const noexcept {
  return {impl_->first_year, impl_->last_year};
}

std::string Calendar::year_source(int year) const {
  auto it = impl_->data.year_sources.find(year);
  return it == impl_->data.year_sources.end() ? std::string() : it->second;
}

std::vector<SpecialDay> Calendar::special_days(int year) const {
  std::vector<SpecialDay> days;
  // No date exists outside boost's 1400-9999 (and Date(year, 1, 1) would throw bad_year).
  if (year < Date(bg::min_date_time).year() || year > Date(bg::max_date_time).year()) return days;
  const auto& all = impl_->data.special_days;
  for (auto it = all.lower_bound(Date(year, 1, 1)); it != all.end() && it->first.year() == year; ++it) {
    days.push_back(it->second);
  }
  return days;
}

const SpecialDay* Calendar::special_day(Date day) const noexcept {
  if (day.is_special() || impl_->status(day.year()) == YearStatus::unknown) return nullptr;
  auto it = impl_->data.special_days.find(day);
  return it == impl_->data.special_days.end() ? nullptr : &it->second;
}

DayInfo Calendar::day_info(Date day) const {
  const long i = impl_->offset(day);
  DayInfo info{day, static_cast<DayKind>(impl_->kind[i]), false, false, {}, {}};
  info.working = info.kind == DayKind::workday || info.kind == DayKind::makeup_workday;
  info.estimated = impl_->status(day.year()) == YearStatus::estimated;
  if (info.kind == DayKind::holiday || info.kind == DayKind::makeup_workday) {
    const SpecialDay& special = impl_->data.special_days.at(day);
    info.name = special.name;
    info.source = special.source;
  }
  return info;
}

bool Calendar::is_working_day(Date day) const {
  const long i = impl_->offset(day);
  return impl_->working_before[i + 1] != impl_->working_before[i];
}

Date Calendar::next_working_day(Date day) const {
  return add_working_days(day, 1);
}
Date Calendar::previous_working_day(Date day) const {
  return add_working_days(day, -1);
}

Date Calendar::add_calendar_days(Date day, int days) const {
  require_valid(day);
  // boost's date arithmetic does not check its range: a result outside 1400-9999 would come back
  // as a date whose year() later throws boost::gregorian::bad_year, so check the day number here.
  const long long target = static_cast<long long>(day.day_number()) + days;
  if (target < static_cast<long long>(Date(bg::min_date_time).day_number()) ||
      target > static_cast<long long>(Date(bg::max_date_time).day_number())) {
    throw Error(ErrorCode::invalid_argument, "date arithmetic leaves the supported range (1400-9999)");
  }
  return day + bg::days(days);
}

Date Calendar::add_working_days(Date day, int days) const {
  const long i = impl_->offset(day);
  if (days == 0) return day;
  const auto& offsets = impl_->working_offsets;
  // working_before[i + 1] working days lie on or before the day; the n-th one after it is at
  // that index + n - 1; the n-th before it is at working_before[i] - n.
  const long long target = days > 0 ? static_cast<long long>(impl_->working_before[i + 1]) + days - 1
                                    : static_cast<long long>(impl_->working_before[i]) + days;
  if (target < 0) impl_->throw_unknown_year(impl_->first_year - 1);
  if (target >= static_cast<long long>(offsets.size())) impl_->throw_unknown_year(impl_->last_year + 1);
  const Date result = impl_->date_at(offsets[static_cast<std::size_t>(target)]);
  impl_->require_years(day.year(), result.year());
  return result;
}

Date Calendar::statutory_period_end(Date start, int days) const {
  if (days < 0) throw Error(ErrorCode::invalid_argument, "a statutory period cannot be negative");
  const Date last = add_calendar_days(start, days);
  return is_working_day(last) ? last : next_working_day(last);
}

int Calendar::working_days_between(Date from, Date to) const {
  require_valid(from);
  require_valid(to);
  if (from == to) {
    impl_->require_years(from.year(), from.year());
    return 0;
  }
  if (to < from) return -working_days_between(to, from);
  const Date first = from + bg::days(1);
  const long a = impl_->offset(first);
  const long b = impl_->offset(to);
  impl_->require_years(first.year(), to.year());
  return impl_->working_before[b + 1] - impl_->working_before[a];
}

Instant Calendar::start_of_day(Date day) const {
  require_valid(day);
  return Instant(day) - bpt::minutes(impl_->data.utc_offset_minutes);
}

Instant Calendar::end_of_day(Date day) const {
  return start_of_day(day + bg::days(1));
}

Date Calendar::local_date(Instant instant) const {
  require_valid(instant);
  return (instant + bpt::minutes(impl_->data.utc_offset_minutes)).date();
}

bool Calendar::has_business_hours() const noexcept {
  if (!impl_->data.business_hours.empty()) return true;
  for (int d = 0; d < 7; ++d) {
    if (impl_->data.has_weekday_hours[d] && !impl_->data.business_hours_by_weekday[d].empty()) return true;
  }
  return false;
}

std::vector<BusinessWindow> Calendar::business_windows(Date day) const {
  return impl_->windows_at(impl_->offset(day));
}

namespace {

struct LocalPosition {
  long offset;
  std::int64_t second_of_day;
};

}  // namespace

Instant Calendar::add_business_time(Instant start, Duration amount) const {
  require_valid(start);
  if (amount.is_special() || amount.is_negative()) {
    throw Error(ErrorCode::invalid_argument, "business time to add must be zero or positive");
  }
  if (!has_business_hours()) {
    throw Error(ErrorCode::invalid_argument, "calendar '" + name() + "' defines no business hours");
  }
  if (amount.total_seconds() == 0) return start;
  const Impl& t = *impl_;
  const Instant local = start + bpt::minutes(t.data.utc_offset_minutes);
  const long i = t.offset(local.date());
  const std::int64_t second = local.time_of_day().total_seconds();
  const std::int64_t target = t.business_before[i] + t.business_seconds_before(i, second) + amount.total_seconds();
  // The day on which the running total first reaches the target.
  auto it = std::lower_bound(t.business_before.begin() + i + 1, t.business_before.end(), target);
  if (it == t.business_before.end()) t.throw_unknown_year(t.last_year + 1);
  const long j = static_cast<long>(it - t.business_before.begin()) - 1;
  t.require_years(local.date().year(), t.date_at(j).year());
  std::int64_t remaining = target - t.business_before[j];
  for (const auto& w : t.windows_at(j)) {
    const std::int64_t length = (w.end_minute - w.start_minute) * 60LL;
    if (remaining <= length) {
      const Instant local_result = Instant(t.date_at(j)) + bpt::seconds(w.start_minute * 60LL + remaining);
      return local_result - bpt::minutes(t.data.utc_offset_minutes);
    }
    remaining -= length;
  }
  throw Error(ErrorCode::internal, "business-time tables are inconsistent");
}

Duration Calendar::business_time_between(Instant from, Instant to) const {
  require_valid(from);
  require_valid(to);
  if (!has_business_hours()) {
    throw Error(ErrorCode::invalid_argument, "calendar '" + name() + "' defines no business hours");
  }
  const Impl& t = *impl_;
  auto cumulative = [&](Instant instant) {
    const Instant local = instant + bpt::minutes(t.data.utc_offset_minutes);
    const long i = t.offset(local.date());
    return t.business_before[i] + t.business_seconds_before(i, local.time_of_day().total_seconds());
  };
  const Date a = local_date(from);
  const Date b = local_date(to);
  t.require_years(a.year(), b.year());
  return bpt::seconds(cumulative(to) - cumulative(from));
}

Instant Calendar::period_end(Instant start, int length, PeriodUnit unit) const {
  require_valid(start);
  if (length < 0) throw Error(ErrorCode::invalid_argument, "a period cannot be negative");
  const Date first = local_date(start);
  switch (unit) {
    case PeriodUnit::calendar_days: return end_of_day(add_calendar_days(first, length));
    case PeriodUnit::working_days: return end_of_day(add_working_days(first, length));
    case PeriodUnit::statutory_days: return end_of_day(statutory_period_end(first, length));
    case PeriodUnit::hours: return start + bpt::hours(length);
    case PeriodUnit::business_hours: return add_business_time(start, bpt::hours(length));
  }
  throw Error(ErrorCode::invalid_argument, "unknown period unit");
}

const char* period_unit_name(PeriodUnit unit) noexcept {
  switch (unit) {
    case PeriodUnit::calendar_days: return "calendar_days";
    case PeriodUnit::working_days: return "working_days";
    case PeriodUnit::statutory_days: return "statutory_days";
    case PeriodUnit::hours: return "hours";
    case PeriodUnit::business_hours: return "business_hours";
  }
  return "unknown";
}

std::optional<PeriodUnit> parse_period_unit(std::string_view name) noexcept {
  for (PeriodUnit unit : {PeriodUnit::calendar_days, PeriodUnit::working_days, PeriodUnit::statutory_days,
                          PeriodUnit::hours, PeriodUnit::business_hours}) {
    if (name == period_unit_name(unit)) return unit;
  }
  return std::nullopt;
}

const char* day_kind_name(DayKind kind) noexcept {
  switch (kind) {
    case DayKind::workday: return "workday";
    case DayKind::weekend: return "weekend";
    case DayKind::holiday: return "holiday";
    case DayKind::makeup_workday: return "makeup_workday";
  }
  return "unknown";
}

Date parse_date(std::string_view text) {
  int year = 0;
  int month = 0;
  int day = 0;
  char extra = 0;
  const std::string copy(text);
  if (copy.size() != 10 || copy[4] != '-' || copy[7] != '-' ||
      std::sscanf(copy.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &extra) != 3 ||
      !std::all_of(copy.begin(), copy.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; })) {
    throw Error(ErrorCode::invalid_argument, "'" + copy + "' is not a date in the form YYYY-MM-DD");
  }
  try {
    return Date(year, month, day);
  } catch (const std::out_of_range&) {
    throw Error(ErrorCode::invalid_argument, "'" + copy + "' is not a real date");
  }
}

std::string format_date(Date day) {
  if (day.is_special()) return "not-a-date";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", static_cast<int>(day.year()), static_cast<int>(day.month()),
                static_cast<int>(day.day()));
  return buffer;
}

}  // namespace xinfang
