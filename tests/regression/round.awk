# Rounds every number in the input to 7 significant digits, what single-
# precision positions carry, so regression outputs compare equal across
# builds whose last bits differ (Release vs the sanitizer build, a reordered
# sum) while any real change still shows.
{
  for (i = 1; i <= NF; i++)
    if ($i ~ /^[-+]?[0-9]*\.?[0-9]+([eE][-+]?[0-9]+)?$/) $i = sprintf("%.7g", $i)
  print
}
