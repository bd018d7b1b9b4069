<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name />
    <message>
        <source>Convolution</source>
        <translation>Convolution</translation>
    </message>
    <message>
        <source>Pooling</source>
        <translation>Pooling</translation>
    </message>
    <message>
        <source>Receptive fields</source>
        <translation>Champs réceptifs</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>CNN training</source>
        <translation>Entraînement du CNN</translation>
    </message>
    <message>
        <source>Sliding the kernel: Space pauses, ← and → step</source>
        <translation>Le noyau glisse : Espace met en pause, ← et → avancent pas à pas</translation>
    </message>
    <message>
        <source>Paused: → steps, ← goes back</source>
        <translation>En pause : → avance d'un pas, ← revient en arrière</translation>
    </message>
    <message>
        <source>stepper</source>
        <translation>pas-à-pas de la convolution</translation>
    </message>
    <message>
        <source>pooling</source>
        <translation>pooling</translation>
    </message>
    <message>
        <source>shift experiment</source>
        <translation>expérience de décalage</translation>
    </message>
    <message>
        <source>receptive field</source>
        <translation>champ réceptif</translation>
    </message>
    <message>
        <source>parameter counts</source>
        <translation>nombres de paramètres</translation>
    </message>
    <message>
        <source>({what}: shaded)</source>
        <translation>({what} : grisé)</translation>
    </message>
    <message>
        <source>Image height</source>
        <translation>Hauteur de l'image</translation>
    </message>
    <message>
        <source>Image width</source>
        <translation>Largeur de l'image</translation>
    </message>
    <message>
        <source>Channels</source>
        <translation>Canaux</translation>
    </message>
    <message>
        <source>MLP hidden units</source>
        <translation>Neurones cachés du MLP</translation>
    </message>
    <message>
        <source>CNN filters</source>
        <translation>Filtres du CNN</translation>
    </message>
    <message>
        <source>CNN kernel k</source>
        <translation>Noyau du CNN k</translation>
    </message>
    <message>
        <source>Lecture:</source>
        <translation>Cours :</translation>
    </message>
    <message>
        <source>The lecture's example: an MLP's first layer with 1,000 hidden units</source>
        <translation>L'exemple du cours : la première couche d'un MLP à 1 000 neurones cachés</translation>
    </message>
    <message>
        <source>The CNN tab's 8×8 digits</source>
        <translation>Les chiffres 8×8 de l'onglet Entraînement du CNN</translation>
    </message>
    <message>
        <source>First-layer parameters (log scale)</source>
        <translation>Paramètres de la première couche (échelle log)</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>paramètres</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;{mlp_label}:&lt;/b&gt; {mlp_formula} ≈ 10&lt;sup&gt;{order}&lt;/sup&gt;&lt;br&gt;&lt;b&gt;{cnn_label}:&lt;/b&gt; {cnn_formula}&lt;br&gt;The MLP needs &lt;b&gt;{ratio}×&lt;/b&gt; as many parameters for the first layer. The convolution's count does not depend on the image size; its output still has {outputs} values (weight sharing, not a smaller layer, is the saving).&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;{mlp_label} :&lt;/b&gt; {mlp_formula} ≈ 10&lt;sup&gt;{order}&lt;/sup&gt;&lt;br&gt;&lt;b&gt;{cnn_label} :&lt;/b&gt; {cnn_formula}&lt;br&gt;Le MLP demande &lt;b&gt;{ratio} fois&lt;/b&gt; plus de paramètres pour sa première couche. Le nombre de paramètres de la convolution ne dépend pas de la taille de l'image ; sa sortie a pourtant {outputs} valeurs (l'économie vient du partage des poids, pas d'une couche plus petite).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>max pooling</source>
        <translation>pooling max</translation>
    </message>
    <message>
        <source>average pooling</source>
        <translation>pooling moyen</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>Fenêtre</translation>
    </message>
    <message>
        <source>Stride</source>
        <translation>Pas</translation>
    </message>
    <message>
        <source>{n} values</source>
        <translation>{n} valeurs</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>moyenne</translation>
    </message>
    <message>
        <source>pooled[{r}, {c}] = {what}({values}) = &lt;b&gt;{result}&lt;/b&gt;</source>
        <translation>pooling[{r}, {c}] = {what}({values}) = &lt;b&gt;{result}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>o = ⌊(i − k) / s⌋ + 1 = ⌊({n} − {k}) / {s}⌋ + 1 = {o}. Hover a pooled cell, or Step (→).</source>
        <translation>o = ⌊(i − k) / s⌋ + 1 = ⌊({n} − {k}) / {s}⌋ + 1 = {o}. Survolez une case de la sortie du pooling, ou Pas à pas (→).</translation>
    </message>
    <message>
        <source>the shift experiment: {error}</source>
        <translation>l'expérience de décalage : {error}</translation>
    </message>
    <message>
        <source>The shift experiment needs the stepper's kernel (no padding) to fit the input and the pooling window to fit its output.</source>
        <translation>L'expérience de décalage demande que le noyau du pas-à-pas (sans remplissage) tienne dans l'entrée, et la fenêtre du pooling dans sa sortie.</translation>
    </message>
    <message>
        <source>convolution</source>
        <translation>convolution</translation>
    </message>
    <message>
        <source>shifted by 1 px</source>
        <translation>décalée de 1 px</translation>
    </message>
    <message>
        <source>pooled</source>
        <translation>après pooling</translation>
    </message>
    <message>
        <source>pooled, shifted</source>
        <translation>après pooling, décalée</translation>
    </message>
    <message>
        <source>avg</source>
        <translation>moyen</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>couche</translation>
    </message>
    <message>
        <source>output size</source>
        <translation>taille de sortie</translation>
    </message>
    <message>
        <source>field r</source>
        <translation>champ r</translation>
    </message>
    <message>
        <source>jump j</source>
        <translation>saut j</translation>
    </message>
    <message>
        <source>start</source>
        <translation>début</translation>
    </message>
    <message>
        <source>Layers: 3x3 (conv, same padding), 3x3s2 (stride 2), 3x3d2 (dilation 2), 5x5p0 (no padding), pool2, pool3s2</source>
        <translation>Couches : 3x3 (convolution, remplissage qui garde la taille), 3x3s2 (pas 2), 3x3d2 (dilatation 2), 5x5p0 (sans remplissage), pool2, pool3s2</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Couches</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <source>Map of layer</source>
        <translation>Carte de la couche</translation>
    </message>
    <message>
        <source>(click a unit)</source>
        <translation>(cliquez une unité)</translation>
    </message>
    <message>
        <source>Object size (px)</source>
        <translation>Taille de l'objet (px)</translation>
    </message>
    <message>
        <source>0 (no output)</source>
        <translation>0 (pas de sortie)</translation>
    </message>
    <message>
        <source>layer {layer} ({name})</source>
        <translation>couche {layer} ({name})</translation>
    </message>
    <message>
        <source>{o} × {o} units</source>
        <translation>{o} × {o} unités</translation>
    </message>
    <message>
        <source>; flagged: wider than the {n}-pixel input</source>
        <translation> ; signalé : plus étendu que l'entrée de {n} pixels</translation>
    </message>
    <message>
        <source>Unit ({u}, {v}) of layer {layer} sees input rows {r0}–{r1}, columns {c0}–{c1} (field {r} × {r} centred at ({cy}, {cx}){extra}).</source>
        <translation>L'unité ({u}, {v}) de la couche {layer} voit les lignes {r0}–{r1} et les colonnes {c0}–{c1} de l'entrée (champ {r} × {r} centré en ({cy}, {cx}){extra}).</translation>
    </message>
    <message>
        <source>This layer has no output left on this input.</source>
        <translation>Cette couche n'a plus de sortie sur cette entrée.</translation>
    </message>
    <message>
        <source>&lt;b&gt;{n}&lt;/b&gt; layers (field {r})</source>
        <translation>&lt;b&gt;{n}&lt;/b&gt; couches (champ {r})</translation>
    </message>
    <message>
        <source>more than 400 layers (field {r})</source>
        <translation>plus de 400 couches (champ {r})</translation>
    </message>
    <message>
        <source>• {way}: {answer}</source>
        <translation>• {way} : {answer}</translation>
    </message>
    <message>
        <source>Stacked stride-1 3×3 convolutions grow as r = 1 + 2L, so 100 px needs 50 (&lt;i&gt;« environ 50 »&lt;/i&gt;); stride, pooling and dilation multiply the jump instead.</source>
        <translation>Convolutions 3×3 de pas 1 empilées : r = 1 + 2L, donc 50 pour 100 px (&lt;i&gt;« environ 50 »&lt;/i&gt;) ; le pas, le pooling et la dilatation multiplient le saut.</translation>
    </message>
    <message>
        <source>Numbers (random 0–4)</source>
        <translation>Nombres (aléatoires 0–4)</translation>
    </message>
    <message>
        <source>Lecture 4×4</source>
        <translation>Cours 4×4</translation>
    </message>
    <message>
        <source>Sample image (RGB)</source>
        <translation>Image d'exemple (RVB)</translation>
    </message>
    <message>
        <source>Sample image (grey)</source>
        <translation>Image d'exemple (gris)</translation>
    </message>
    <message>
        <source>Open image…</source>
        <translation>Ouvrir une image…</translation>
    </message>
    <message>
        <source>Open image as grey…</source>
        <translation>Ouvrir une image en gris…</translation>
    </message>
    <message>
        <source>R</source>
        <comment>red channel</comment>
        <translation>R</translation>
    </message>
    <message>
        <source>G</source>
        <comment>green channel</comment>
        <translation>V</translation>
    </message>
    <message>
        <source>B</source>
        <comment>blue channel</comment>
        <translation>B</translation>
    </message>
    <message>
        <source>{path} is not an image Qt can read (PNG or JPEG)</source>
        <translation>{path} n'est pas une image que Qt sait lire (PNG ou JPEG)</translation>
    </message>
    <message>
        <source>Choose a preset…</source>
        <translation>Choisir un exemple…</translation>
    </message>
    <message>
        <source>transposed convolution</source>
        <translation>convolution transposée</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Exemple</translation>
    </message>
    <message>
        <source>Kernel</source>
        <translation>Noyau</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Input size</source>
        <translation>Taille de l'entrée</translation>
    </message>
    <message>
        <source>Kernel size</source>
        <translation>Taille du noyau</translation>
    </message>
    <message>
        <source>Padding</source>
        <translation>Remplissage</translation>
    </message>
    <message>
        <source>Dilation</source>
        <translation>Dilatation</translation>
    </message>
    <message>
        <source>Output pad.</source>
        <translation>Rempl. sortie</translation>
    </message>
    <message>
        <source>Bias</source>
        <translation>Biais</translation>
    </message>
    <message>
        <source>Output padding a (transposed convolution only): extra cells on the bottom and right, conv_arithmetic's odd case</source>
        <translation>Remplissage de sortie a (convolution transposée seulement) : des cases en plus en bas et à droite, le cas impair de conv_arithmetic</translation>
    </message>
    <message>
        <source>Padding mode: zero, reflect, replicate or circular</source>
        <translation>Mode de remplissage : zéro, miroir, réplication ou circulaire</translation>
    </message>
    <message>
        <source>Open an image</source>
        <translation>Ouvrir une image</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>{n} × {n} → {m} × {m} shown</source>
        <translation>{n} × {n} → {m} × {m} affichées</translation>
    </message>
    <message>
        <source>{n} products summing to {total}</source>
        <translation>{n} produits de somme {total}</translation>
    </message>
    <message>
        <source>0 (bias)</source>
        <translation>0 (biais)</translation>
    </message>
    <message>
        <source>{value} is not a number (between −1,000,000 and 1,000,000)</source>
        <translation>{value} n'est pas un nombre (entre −1 000 000 et 1 000 000)</translation>
    </message>
    <message>
        <source>CNN train</source>
        <translation>CNN, entraînement</translation>
    </message>
    <message>
        <source>CNN test</source>
        <translation>CNN, test</translation>
    </message>
    <message>
        <source>MLP train</source>
        <translation>MLP, entraînement</translation>
    </message>
    <message>
        <source>MLP test</source>
        <translation>MLP, test</translation>
    </message>
    <message>
        <source>Draw here (right button erases)</source>
        <translation>Dessinez (clic droit : gomme)</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Perte</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>époque</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>entropie croisée</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Précision</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>précision</translation>
    </message>
    <message>
        <source>Filters, layer {n}</source>
        <translation>Filtres, couche {n}</translation>
    </message>
    <message>
        <source>Feature maps</source>
        <translation>Cartes de caractéristiques</translation>
    </message>
    <message>
        <source>Test example</source>
        <translation>Exemple de test</translation>
    </message>
    <message>
        <source>Class probabilities (drawing)</source>
        <translation>Probabilités des classes (dessin)</translation>
    </message>
    <message>
        <source>class</source>
        <translation>classe</translation>
    </message>
    <message>
        <source>Clear drawing</source>
        <translation>Effacer le dessin</translation>
    </message>
    <message>
        <source>Press Play (Space) to train the CNN and the MLP.</source>
        <translation>Appuyez sur Lecture (Espace) pour entraîner le CNN et le MLP.</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Couche</translation>
    </message>
    <message>
        <source>Loss, accuracy, confusion</source>
        <translation>Perte, précision, confusion</translation>
    </message>
    <message>
        <source>Filters and feature maps</source>
        <translation>Filtres et cartes de caractéristiques</translation>
    </message>
    <message>
        <source>Draw an input</source>
        <translation>Dessiner une entrée</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>perte</translation>
    </message>
    <message>
        <source>confusion</source>
        <translation>confusion</translation>
    </message>
    <message>
        <source>filters</source>
        <translation>filtres</translation>
    </message>
    <message>
        <source>feature maps</source>
        <translation>cartes de caractéristiques</translation>
    </message>
    <message>
        <source>test example</source>
        <translation>exemple de test</translation>
    </message>
    <message>
        <source>drawing</source>
        <translation>dessin</translation>
    </message>
    <message>
        <source>probabilities</source>
        <translation>probabilités</translation>
    </message>
    <message>
        <source>conv {n}</source>
        <translation>conv {n}</translation>
    </message>
    <message>
        <source>Example {i}: {label} → CNN {guess} ({p})</source>
        <translation>Exemple {i} : {label} → CNN {guess} ({p})</translation>
    </message>
    <message>
        <source>&lt;b&gt;Epoch {epoch}&lt;/b&gt; · &lt;b&gt;CNN&lt;/b&gt; {cnn_params} parameters: test accuracy {cnn_test} (train {cnn_train}) · &lt;b&gt;MLP&lt;/b&gt; {mlp_params} parameters: test {mlp_test} (train {mlp_train})</source>
        <translation>&lt;b&gt;Époque {epoch}&lt;/b&gt; · &lt;b&gt;CNN&lt;/b&gt; {cnn_params} paramètres : précision en test {cnn_test} (entraînement {cnn_train}) · &lt;b&gt;MLP&lt;/b&gt; {mlp_params} paramètres : test {mlp_test} (entraînement {mlp_train})</translation>
    </message>
    <message>
        <source>{filters} filters × {channels} input channels, each {k}×{k2}; blue negative, orange positive, each tile scaled to its largest weight</source>
        <translation>{filters} filtres × {channels} canaux d'entrée, chacun {k}×{k2} ; bleu négatif, orange positif, chaque vignette à l'échelle de son plus grand poids</translation>
    </message>
    <message>
        <source>Feature maps, layer {n}</source>
        <translation>Cartes, couche {n}</translation>
    </message>
    <message>
        <source>{n} maps of {h}×{w} for the selected test example (after the activation and pooling)</source>
        <translation>{n} cartes de {h}×{w} pour l'exemple de test choisi (après l'activation et le pooling)</translation>
    </message>
    <message>
        <source>CNN (blue): {cnn_class} {cnn_p} · MLP (orange): {mlp_class} {mlp_p}</source>
        <translation>CNN (bleu) : {cnn_class} {cnn_p} · MLP (orange) : {mlp_class} {mlp_p}</translation>
    </message>
    <message>
        <source>Class probabilities of a drawing</source>
        <translation>Probabilités des classes d'un dessin</translation>
    </message>
</context>
</TS>